package org.vitalgate.codec.gatt.bcs;

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
 * Body Composition Measurement → body fat %, weight and height (the reading model has no types for muscle,
 * fat-free, soft lean or water mass, basal metabolism or impedance; they stay in the decoded value). A single
 * packet of a multi-packet measurement is {@link Decoded.Unsupported}: assemble it first with
 * {@link BodyCompositionAssembler} and map the result. Stateless.
 */
public final class BodyCompositionMapper implements MeasurementMapper<BodyCompositionMeasurement> {
    private final boolean assembled;

    private BodyCompositionMapper(boolean assembled) {
        this.assembled = assembled;
    }

    /** For single indications as they arrive. */
    public static BodyCompositionMapper packets() {
        return new BodyCompositionMapper(false);
    }

    /** For measurements produced by {@link BodyCompositionAssembler}. */
    public static BodyCompositionMapper assembled() {
        return new BodyCompositionMapper(true);
    }

    @Override
    public Decoded<MappedReading> map(String codecId, BodyCompositionMeasurement m, Bytes raw) {
        if (m.multiplePacket() && !assembled) {
            return Decoded.unsupported("one packet of a multi-packet body composition measurement", raw);
        }
        List<Measurement> out = new ArrayList<>(3);
        m.bodyFatPercentage().ifPresent(f -> out.add(new Measurement(MeasurementType.BODY_FAT, f)));
        m.weight().ifPresent(w -> out.add(new Measurement(MeasurementType.BODY_WEIGHT, w)));
        m.height().ifPresent(h -> out.add(new Measurement(MeasurementType.BODY_HEIGHT, h)));
        return Decoded.ok(new MappedReading(codecId, out,
                m.measurementUnsuccessful() ? Set.of(StatusFlag.MEASUREMENT_UNSUCCESSFUL) : Set.of(),
                m.timestamp().flatMap(GattDateTime::localDateTime), MappedReading.userId(m.userId()),
                OptionalLong.empty()));
    }
}
