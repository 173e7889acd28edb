package org.vitalgate.codec.gatt.hts;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.codec.MeasurementMapper;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;

/**
 * Temperature Measurement → body temperature in Cel or [degF] as sent. Intermediate temperatures are not
 * readings ({@link Decoded.Unsupported}). Stateless.
 */
public final class TemperatureMapper implements MeasurementMapper<TemperatureMeasurement> {
    @Override
    public Decoded<MappedReading> map(String codecId, TemperatureMeasurement m, Bytes raw) {
        if (m.intermediate()) {
            return Decoded.unsupported("intermediate temperature is not a reading", raw);
        }
        return Decoded.ok(new MappedReading(codecId,
                List.of(new Measurement(MeasurementType.BODY_TEMPERATURE, m.temperature())), Set.of(),
                m.timestamp().flatMap(GattDateTime::localDateTime), OptionalInt.empty(), OptionalLong.empty()));
    }
}
