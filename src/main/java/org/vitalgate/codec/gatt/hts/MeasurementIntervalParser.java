package org.vitalgate.codec.gatt.hts;

import java.util.Optional;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Measurement Interval, UUID 0x2A21 (HTS 1.0; GSS): uint16 seconds, 0 = no periodic measurement.
 * Exactly 2 octets. Stateless; thread-safe.
 */
public final class MeasurementIntervalParser implements CharacteristicParser<MeasurementInterval> {
    @Override
    public Decoded<MeasurementInterval> parse(Bytes value) {
        Optional<Decoded<MeasurementInterval>> bad = Lengths.fixed(value, 2);
        if (bad.isPresent()) {
            return bad.get();
        }
        return Decoded.ok(new MeasurementInterval(value.u8(0) | value.u8(1) << 8));
    }
}
