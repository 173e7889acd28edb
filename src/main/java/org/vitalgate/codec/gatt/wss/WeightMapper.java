package org.vitalgate.codec.gatt.wss;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.codec.MeasurementMapper;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.StatusFlag;

/**
 * Weight Measurement → body weight (kg or lb by flag, SIG resolution), BMI and height when present;
 * "measurement unsuccessful" → no weight and {@link StatusFlag#MEASUREMENT_UNSUCCESSFUL}. Stateless.
 */
public final class WeightMapper implements MeasurementMapper<WeightMeasurement> {
    @Override
    public Decoded<MappedReading> map(String codecId, WeightMeasurement m, Bytes raw) {
        List<Measurement> out = new ArrayList<>(3);
        m.weight().ifPresent(w -> out.add(new Measurement(MeasurementType.BODY_WEIGHT, w)));
        m.bmi().ifPresent(b -> out.add(new Measurement(MeasurementType.BMI, b)));
        m.height().ifPresent(h -> out.add(new Measurement(MeasurementType.BODY_HEIGHT, h)));
        return Decoded.ok(new MappedReading(codecId, out,
                m.measurementUnsuccessful() ? Set.of(StatusFlag.MEASUREMENT_UNSUCCESSFUL) : Set.of(),
                m.timestamp().flatMap(GattDateTime::localDateTime), MappedReading.userId(m.userId()),
                OptionalLong.empty()));
    }
}
