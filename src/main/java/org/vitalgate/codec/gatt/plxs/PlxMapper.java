package org.vitalgate.codec.gatt.plxs;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
import org.vitalgate.reading.StatusFlag;

/**
 * PLX Spot-Check and PLX Continuous (SpO2PR-Normal) → SpO2 and pulse rate as
 * {@link MeasurementType#PULSE_RATE_OXIMETER}; status bits → flags. A spot-check time stamp taken while the
 * device clock was not set is not a device time ({@link StatusFlag#DEVICE_CLOCK_NOT_SET}). Stateless.
 */
public final class PlxMapper {
    private PlxMapper() {
    }

    public static MeasurementMapper<PlxSpotCheckMeasurement> spotCheck() {
        return (codecId, m, raw) -> {
            Set<StatusFlag> flags = flags(m.measurementStatus(), m.deviceAndSensorStatus());
            Optional<LocalDateTime> time = m.timestamp().flatMap(GattDateTime::localDateTime);
            if (m.deviceClockNotSet()) {
                flags.add(StatusFlag.DEVICE_CLOCK_NOT_SET);
                time = Optional.empty();
            }
            return Decoded.ok(new MappedReading(codecId, List.of(
                    new Measurement(MeasurementType.SPO2, m.spo2()),
                    new Measurement(MeasurementType.PULSE_RATE_OXIMETER, m.pulseRate())), flags, time,
                    OptionalInt.empty(), OptionalLong.empty()));
        };
    }

    public static MeasurementMapper<PlxContinuousMeasurement> continuous() {
        return (codecId, m, raw) -> Decoded.ok(new MappedReading(codecId, List.of(
                new Measurement(MeasurementType.SPO2, m.normal().spo2()),
                new Measurement(MeasurementType.PULSE_RATE_OXIMETER, m.normal().pulseRate())),
                flags(m.measurementStatus(), m.deviceAndSensorStatus()), Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty()));
    }

    static Set<StatusFlag> flags(Optional<PlxMeasurementStatus> ms, Optional<PlxDeviceAndSensorStatus> dss) {
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        ms.ifPresent(s -> s.bits().forEach(b -> flags.add(switch (b) {
            case MEASUREMENT_ONGOING -> StatusFlag.MEASUREMENT_ONGOING;
            case EARLY_ESTIMATED_DATA -> StatusFlag.EARLY_ESTIMATE;
            case VALIDATED_DATA -> StatusFlag.VALIDATED_DATA;
            case FULLY_QUALIFIED_DATA -> StatusFlag.FULLY_QUALIFIED_DATA;
            case DATA_FROM_MEASUREMENT_STORAGE -> StatusFlag.DATA_FROM_MEASUREMENT_STORAGE;
            case DATA_FOR_DEMONSTRATION -> StatusFlag.DATA_FOR_DEMONSTRATION;
            case DATA_FOR_TESTING -> StatusFlag.DATA_FOR_TESTING;
            case CALIBRATION_ONGOING -> StatusFlag.CALIBRATION_ONGOING;
            case MEASUREMENT_UNAVAILABLE -> StatusFlag.MEASUREMENT_UNAVAILABLE;
            case QUESTIONABLE_MEASUREMENT_DETECTED -> StatusFlag.QUESTIONABLE_MEASUREMENT;
            case INVALID_MEASUREMENT_DETECTED -> StatusFlag.INVALID_MEASUREMENT;
        })));
        dss.ifPresent(s -> s.bits().forEach(b -> flags.add(switch (b) {
            case EXTENDED_DISPLAY_UPDATE_ONGOING -> StatusFlag.EXTENDED_DISPLAY_UPDATE_ONGOING;
            case EQUIPMENT_MALFUNCTION_DETECTED -> StatusFlag.EQUIPMENT_MALFUNCTION;
            case SIGNAL_PROCESSING_IRREGULARITY_DETECTED -> StatusFlag.SIGNAL_PROCESSING_IRREGULARITY;
            case INADEQUATE_SIGNAL_DETECTED -> StatusFlag.INADEQUATE_SIGNAL;
            case POOR_SIGNAL_DETECTED -> StatusFlag.POOR_SIGNAL;
            case LOW_PERFUSION_DETECTED -> StatusFlag.LOW_PERFUSION;
            case ERRATIC_SIGNAL_DETECTED -> StatusFlag.ERRATIC_SIGNAL;
            case NON_PULSATILE_SIGNAL_DETECTED -> StatusFlag.NON_PULSATILE_SIGNAL;
            case QUESTIONABLE_PULSE_DETECTED -> StatusFlag.QUESTIONABLE_PULSE;
            case SIGNAL_ANALYSIS_ONGOING -> StatusFlag.SIGNAL_ANALYSIS_ONGOING;
            case SENSOR_INTERFERENCE_DETECTED -> StatusFlag.SENSOR_INTERFERENCE;
            case SENSOR_UNCONNECTED_TO_USER -> StatusFlag.SENSOR_UNCONNECTED;
            case UNKNOWN_SENSOR_CONNECTED -> StatusFlag.UNKNOWN_SENSOR;
            case SENSOR_DISPLACED -> StatusFlag.SENSOR_DISPLACEMENT;
            case SENSOR_MALFUNCTIONING -> StatusFlag.SENSOR_MALFUNCTION;
            case SENSOR_DISCONNECTED -> StatusFlag.SENSOR_DISCONNECTED;
        })));
        return flags;
    }
}
