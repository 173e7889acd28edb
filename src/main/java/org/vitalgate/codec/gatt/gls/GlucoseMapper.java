package org.vitalgate.codec.gatt.gls;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.codec.MderFloat;
import org.vitalgate.codec.MeasurementMapper;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.Concentration;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.GlucoseType;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.SampleLocation;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.Unit;

/**
 * Glucose Measurement → one glucose measurement in the platform's units: kg/L × 100 000 = mg/dL and mol/L ×
 * 1 000 = mmol/L (exact decimal shifts). Capillary whole blood / capillary plasma map to their measurement
 * types; control solution (type 10 or location 4) is kept with {@link StatusFlag#CONTROL_SOLUTION}; other
 * sample types (venous, arterial, undetermined, interstitial, reserved) are {@link Decoded.Unsupported}
 * rather than coded under a wrong MDC term. Record number = sequence number; device time = base time +
 * time offset. A record without a concentration maps to no measurements. Stateless.
 */
public final class GlucoseMapper implements MeasurementMapper<GlucoseMeasurement> {
    @Override
    public Decoded<MappedReading> map(String codecId, GlucoseMeasurement m, Bytes raw) {
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        m.sensorStatus().ifPresent(s -> s.bits().forEach(b -> flags.add(flag(b))));
        List<Measurement> measurements = List.of();
        if (m.concentration().isPresent()) {
            Concentration c = m.concentration().get();
            boolean control = c.type() == GlucoseType.CONTROL_SOLUTION
                    || c.sampleLocation() == SampleLocation.CONTROL_SOLUTION;
            MeasurementType type;
            if (control || c.type() == GlucoseType.CAPILLARY_WHOLE_BLOOD) {
                type = MeasurementType.GLUCOSE_CAPILLARY_WHOLE_BLOOD;
            } else if (c.type() == GlucoseType.CAPILLARY_PLASMA) {
                type = MeasurementType.GLUCOSE_CAPILLARY_PLASMA;
            } else {
                return Decoded.unsupported("glucose sample type " + c.typeCode() + " (" + c.type()
                        + ") has no platform measurement type", raw);
            }
            if (control) {
                flags.add(StatusFlag.CONTROL_SOLUTION);
            }
            measurements = List.of(new Measurement(type, platformQuantity(c)));
        }
        return Decoded.ok(new MappedReading(codecId, measurements, flags, m.userFacingTime(), OptionalInt.empty(),
                OptionalLong.of(m.sequenceNumber())));
    }

    /** kg/L → mg/dL (× 10^5), mol/L → mmol/L (× 10^3), exact; specials keep their kind. */
    static Quantity platformQuantity(Concentration c) {
        boolean molar = c.unit() == GlucoseMeasurement.ConcentrationUnit.MOL_PER_L;
        Unit unit = molar ? Unit.MMOL_PER_L : Unit.MG_PER_DL;
        if (c.value() instanceof MderFloat.Finite f) {
            return Quantity.of(f.value().movePointRight(molar ? 3 : 5), unit);
        }
        return c.value().in(unit);
    }

    private static StatusFlag flag(GlucoseMeasurement.SensorStatus.Bit b) {
        return switch (b) {
            case DEVICE_BATTERY_LOW -> StatusFlag.DEVICE_BATTERY_LOW;
            case SENSOR_MALFUNCTION -> StatusFlag.SENSOR_MALFUNCTION;
            case SAMPLE_SIZE_INSUFFICIENT -> StatusFlag.SAMPLE_SIZE_INSUFFICIENT;
            case STRIP_INSERTION_ERROR -> StatusFlag.STRIP_INSERTION_ERROR;
            case STRIP_TYPE_INCORRECT -> StatusFlag.STRIP_TYPE_INCORRECT;
            case RESULT_HIGHER_THAN_DEVICE_CAN_PROCESS -> StatusFlag.RESULT_ABOVE_RANGE;
            case RESULT_LOWER_THAN_DEVICE_CAN_PROCESS -> StatusFlag.RESULT_BELOW_RANGE;
            case SENSOR_TEMPERATURE_TOO_HIGH -> StatusFlag.TEMPERATURE_TOO_HIGH;
            case SENSOR_TEMPERATURE_TOO_LOW -> StatusFlag.TEMPERATURE_TOO_LOW;
            case SENSOR_READ_INTERRUPTED -> StatusFlag.SENSOR_READ_INTERRUPTED;
            case GENERAL_DEVICE_FAULT -> StatusFlag.GENERAL_DEVICE_FAULT;
            case TIME_FAULT -> StatusFlag.TIME_FAULT;
        };
    }
}
