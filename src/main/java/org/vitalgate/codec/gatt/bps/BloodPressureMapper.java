package org.vitalgate.codec.gatt.bps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
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
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.StatusFlag;

/**
 * Blood Pressure Measurement → systolic, diastolic, mean arterial (omitted when 0 or NaN: "not available",
 * device-protocols.md A.3.1), pulse rate as {@link MeasurementType#PULSE_RATE_NONINV}; kPa stays kPa;
 * measurement status bits → flags. Stateless.
 */
public final class BloodPressureMapper implements MeasurementMapper<BloodPressureMeasurement> {
    @Override
    public Decoded<MappedReading> map(String codecId, BloodPressureMeasurement m, Bytes raw) {
        List<Measurement> out = new ArrayList<>(4);
        out.add(new Measurement(MeasurementType.BP_SYSTOLIC, m.systolic()));
        out.add(new Measurement(MeasurementType.BP_DIASTOLIC, m.diastolic()));
        if (meanAvailable(m.meanArterialPressure())) {
            out.add(new Measurement(MeasurementType.BP_MEAN, m.meanArterialPressure()));
        }
        m.pulseRate().ifPresent(p -> out.add(new Measurement(MeasurementType.PULSE_RATE_NONINV, p)));
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        m.status().ifPresent(s -> {
            for (BloodPressureMeasurementStatus.Bit b : s.bits()) {
                flags.add(switch (b) {
                    case BODY_MOVEMENT -> StatusFlag.BODY_MOVEMENT;
                    case CUFF_TOO_LOOSE -> StatusFlag.CUFF_TOO_LOOSE;
                    case IRREGULAR_PULSE -> StatusFlag.IRREGULAR_PULSE;
                    case IMPROPER_MEASUREMENT_POSITION -> StatusFlag.IMPROPER_MEASUREMENT_POSITION;
                });
            }
            if (s.pulseRateRange() == BloodPressureMeasurementStatus.PulseRateRange.EXCEEDS_UPPER_LIMIT) {
                flags.add(StatusFlag.PULSE_RATE_OUT_OF_RANGE);
            } else if (s.pulseRateRange() == BloodPressureMeasurementStatus.PulseRateRange.BELOW_LOWER_LIMIT) {
                flags.add(StatusFlag.PULSE_RATE_BELOW_RANGE);
            }
        });
        return Decoded.ok(new MappedReading(codecId, out, flags, m.timestamp().flatMap(GattDateTime::localDateTime),
                MappedReading.userId(m.userId()), OptionalLong.empty()));
    }

    private static boolean meanAvailable(Quantity q) {
        if (q instanceof Quantity.Value v) {
            return v.value().compareTo(BigDecimal.ZERO) != 0;
        }
        return ((Quantity.Special) q).kind() != Quantity.SpecialValue.NAN;
    }
}
