package org.vitalgate.codec.gatt.dis;

import java.util.Optional;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * System ID, UUID 0x2A23 (DIS 1.1; GSS): uint40 manufacturer identifier then uint24 OUI, little-endian,
 * exactly 8 octets. Stateless; thread-safe.
 */
public final class SystemIdParser implements CharacteristicParser<SystemId> {
    @Override
    public Decoded<SystemId> parse(Bytes value) {
        Optional<Decoded<SystemId>> bad = Lengths.fixed(value, 8);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        long manufacturer = in.u40();
        return Decoded.ok(new SystemId(manufacturer, in.u24()));
    }
}
