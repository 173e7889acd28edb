package org.vitalgate.codec.vendor.jumper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.codec.MeasurementMapper;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.Unit;

/**
 * Jumper oximeter result → SpO2 (%) and pulse rate as {@link MeasurementType#PULSE_RATE_OXIMETER} (/min). A
 * frame without a valid result maps to a record without a value flagged
 * {@link StatusFlag#MEASUREMENT_UNAVAILABLE}. The raw perfusion index is not mapped (scaling not confirmed).
 * The frame carries no time stamp (measured when received). Stateless; thread-safe.
 */
public final class JumperOximetryMapper implements MeasurementMapper<JumperOximetrySample> {
    @Override
    public Decoded<MappedReading> map(String codecId, JumperOximetrySample s, Bytes raw) {
        if (!s.valid()) {
            return Decoded.ok(new MappedReading(codecId, List.of(), Set.of(StatusFlag.MEASUREMENT_UNAVAILABLE),
                    Optional.empty(), OptionalInt.empty(), OptionalLong.empty()));
        }
        List<Measurement> measurements = List.of(
                new Measurement(MeasurementType.SPO2,
                        Quantity.of(BigDecimal.valueOf(s.spo2Percent().getAsInt()), Unit.PERCENT)),
                new Measurement(MeasurementType.PULSE_RATE_OXIMETER,
                        Quantity.of(BigDecimal.valueOf(s.pulseRateBpm().getAsInt()), Unit.PER_MIN)));
        return Decoded.ok(new MappedReading(codecId, measurements, Set.of(), Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty()));
    }
}
