package org.vitalgate.codec.gatt.gls;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.MderFloat;
import org.vitalgate.codec.gatt.GattDateTime;

/**
 * A decoded Glucose Measurement (0x2A18). The concentration stays in the wire unit (kg/L or mol/L, exact
 * decimal); {@code flags} keeps reserved bits. Immutable.
 *
 * @param timeOffsetMinutes the sint16 Time Offset, when present
 * @param contextFollows    flag bit 4: a Glucose Measurement Context with the same sequence number follows
 */
public record GlucoseMeasurement(int flags, int sequenceNumber, GattDateTime baseTime, OptionalInt timeOffsetMinutes,
                                 Optional<Concentration> concentration, Optional<SensorStatus> sensorStatus,
                                 boolean contextFollows) {
    public GlucoseMeasurement {
        Objects.requireNonNull(baseTime, "baseTime");
        Objects.requireNonNull(timeOffsetMinutes, "timeOffsetMinutes");
        Objects.requireNonNull(concentration, "concentration");
        Objects.requireNonNull(sensorStatus, "sensorStatus");
    }

    /** Base Time + Time Offset (the user-facing time of the record), empty when the base date is unknown. */
    public Optional<LocalDateTime> userFacingTime() {
        return baseTime.localDateTime().map(t -> t.plusMinutes(timeOffsetMinutes.orElse(0)));
    }

    /** Concentration, type and sample location (present together, flag bit 1). */
    public record Concentration(MderFloat value, ConcentrationUnit unit, int typeCode, GlucoseType type,
                                int sampleLocationCode, SampleLocation sampleLocation) {
        public Concentration {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(sampleLocation, "sampleLocation");
        }
    }

    /** Flag bit 2: 0 kg/L, 1 mol/L. */
    public enum ConcentrationUnit { KG_PER_L, MOL_PER_L }

    /** Type nibble (low nibble): 1..10 defined, 0 and 11..15 reserved. */
    public enum GlucoseType {
        RESERVED, CAPILLARY_WHOLE_BLOOD, CAPILLARY_PLASMA, VENOUS_WHOLE_BLOOD, VENOUS_PLASMA, ARTERIAL_WHOLE_BLOOD,
        ARTERIAL_PLASMA, UNDETERMINED_WHOLE_BLOOD, UNDETERMINED_PLASMA, INTERSTITIAL_FLUID, CONTROL_SOLUTION;

        public static GlucoseType of(int code) {
            return code >= 1 && code <= 10 ? values()[code] : RESERVED;
        }
    }

    /** Sample location nibble (high nibble): 1 finger, 2 alternate site, 3 earlobe, 4 control solution, 15 n/a. */
    public enum SampleLocation {
        RESERVED, FINGER, ALTERNATE_SITE_TEST, EARLOBE, CONTROL_SOLUTION, NOT_AVAILABLE;

        public static SampleLocation of(int code) {
            if (code >= 1 && code <= 4) {
                return values()[code];
            }
            return code == 15 ? NOT_AVAILABLE : RESERVED;
        }
    }

    /** Sensor Status Annunciation (16 bits); {@code raw} keeps reserved bits 12–15. */
    public record SensorStatus(int raw, Set<Bit> bits) {
        public SensorStatus {
            bits = Set.copyOf(bits);
        }

        public static SensorStatus of(int raw) {
            return new SensorStatus(raw, BitFlag.decode(raw, Bit.class));
        }

        public enum Bit implements BitFlag {
            DEVICE_BATTERY_LOW, SENSOR_MALFUNCTION, SAMPLE_SIZE_INSUFFICIENT, STRIP_INSERTION_ERROR,
            STRIP_TYPE_INCORRECT, RESULT_HIGHER_THAN_DEVICE_CAN_PROCESS, RESULT_LOWER_THAN_DEVICE_CAN_PROCESS,
            SENSOR_TEMPERATURE_TOO_HIGH, SENSOR_TEMPERATURE_TOO_LOW, SENSOR_READ_INTERRUPTED, GENERAL_DEVICE_FAULT,
            TIME_FAULT;

            @Override
            public int bit() {
                return ordinal();
            }
        }
    }
}
