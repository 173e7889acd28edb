package org.vitalgate.codec.gatt.gls;

import java.util.Optional;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Glucose Feature, UUID 0x2A51 (Glucose Service 1.0 / GSS "Glucose Feature"): 16-bit field, bits 0–10
 * defined, 11–15 reserved. Exactly 2 octets. Stateless; thread-safe.
 */
public final class GlucoseFeatureParser implements CharacteristicParser<GlucoseFeature> {
    @Override
    public Decoded<GlucoseFeature> parse(Bytes value) {
        Optional<Decoded<GlucoseFeature>> bad = Lengths.fixed(value, 2);
        if (bad.isPresent()) {
            return bad.get();
        }
        int raw = value.u8(0) | value.u8(1) << 8;
        return Decoded.ok(new GlucoseFeature(raw, BitFlag.decode(raw, GlucoseFeature.Bit.class)));
    }
}
