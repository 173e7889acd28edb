package org.vitalgate.codec.gatt.bps;

import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/**
 * Intermediate Cuff Pressure, UUID 0x2A36 (Blood Pressure Service 1.1): same layout as Blood Pressure
 * Measurement, first SFLOAT = current cuff pressure. Stateless; thread-safe.
 */
public final class IntermediateCuffPressureParser implements CharacteristicParser<IntermediateCuffPressure> {
    @Override
    public Decoded<IntermediateCuffPressure> parse(Bytes value) {
        return BloodPressureMeasurementParser.parseFields(value).map(f -> new IntermediateCuffPressure(f.flags(),
                f.first(), f.second(), f.third(), f.timestamp(), f.pulseRate(), f.userId(), f.status()));
    }
}
