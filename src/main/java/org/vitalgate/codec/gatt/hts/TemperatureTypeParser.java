package org.vitalgate.codec.gatt.hts;

import java.util.Optional;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Temperature Type, UUID 0x2A1D (HTS 1.0): one octet; reserved codes decode as {@code RESERVED} with the
 * raw code kept. Stateless; thread-safe.
 */
public final class TemperatureTypeParser implements CharacteristicParser<TemperatureTypeValue> {
    @Override
    public Decoded<TemperatureTypeValue> parse(Bytes value) {
        Optional<Decoded<TemperatureTypeValue>> bad = Lengths.fixed(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        return Decoded.ok(new TemperatureTypeValue(value.u8(0), TemperatureType.of(value.u8(0))));
    }
}
