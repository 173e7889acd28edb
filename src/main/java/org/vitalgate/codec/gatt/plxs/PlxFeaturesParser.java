package org.vitalgate.codec.gatt.plxs;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * PLX Features, UUID 0x2A60 (PLXS 1.0; GSS): u16 supported features · [u16 measurement status support,
 * iff bit 0] · [u24 device and sensor status support, iff bit 1]. Length must match. Stateless; thread-safe.
 */
public final class PlxFeaturesParser implements CharacteristicParser<PlxFeatures> {
    @Override
    public Decoded<PlxFeatures> parse(Bytes value) {
        Optional<Decoded<PlxFeatures>> bad = Lengths.atLeast(value, 2);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int raw = in.u16();
        int expected = 2 + ((raw & 1) != 0 ? 2 : 0) + ((raw & 2) != 0 ? 3 : 0);
        bad = Lengths.exact(value, expected, raw);
        if (bad.isPresent()) {
            return bad.get();
        }
        OptionalInt ms = (raw & 1) != 0 ? OptionalInt.of(in.u16()) : OptionalInt.empty();
        OptionalInt dss = (raw & 2) != 0 ? OptionalInt.of(in.u24()) : OptionalInt.empty();
        return Decoded.ok(new PlxFeatures(raw, BitFlag.decode(raw, PlxFeatures.Bit.class), ms, dss));
    }
}
