package org.vitalgate.codec.vendor.nonin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * Nonin 3230 Continuous Oximetry → SpO2 (%) and pulse rate as {@link MeasurementType#PULSE_RATE_OXIMETER}
 * (/min); a value the device reports as missing is left out (both missing: a record without a value). Status
 * flags: weak signal → {@link StatusFlag#POOR_SIGNAL}, searching → {@link StatusFlag#SIGNAL_ANALYSIS_ONGOING},
 * SmartPoint → {@link StatusFlag#VALIDATED_DATA}, low battery → {@link StatusFlag#DEVICE_BATTERY_LOW}. The sample
 * carries no time stamp (measured when received). Stateless; thread-safe.
 */
public final class NoninOximetryMapper implements MeasurementMapper<NoninOximetrySample> {
    @Override
    public Decoded<MappedReading> map(String codecId, NoninOximetrySample s, Bytes raw) {
        List<Measurement> measurements = new ArrayList<>();
        s.spo2Percent().ifPresent(v -> measurements.add(new Measurement(MeasurementType.SPO2,
                Quantity.of(BigDecimal.valueOf(v), Unit.PERCENT))));
        s.pulseRateBpm().ifPresent(v -> measurements.add(new Measurement(MeasurementType.PULSE_RATE_OXIMETER,
                Quantity.of(BigDecimal.valueOf(v), Unit.PER_MIN))));
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        if (s.status().weakSignal()) {
            flags.add(StatusFlag.POOR_SIGNAL);
        }
        if (s.status().searching()) {
            flags.add(StatusFlag.SIGNAL_ANALYSIS_ONGOING);
        }
        if (s.status().smartPoint()) {
            flags.add(StatusFlag.VALIDATED_DATA);
        }
        if (s.status().lowBattery()) {
            flags.add(StatusFlag.DEVICE_BATTERY_LOW);
        }
        return Decoded.ok(new MappedReading(codecId, measurements, flags, Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty()));
    }
}
