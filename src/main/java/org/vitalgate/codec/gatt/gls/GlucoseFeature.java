package org.vitalgate.codec.gatt.gls;

import java.util.Set;
import org.vitalgate.codec.BitFlag;

/** Glucose Feature (0x2A51), 16 bits; {@code raw} keeps reserved bits 11–15. Immutable. */
public record GlucoseFeature(int raw, Set<Bit> supported) {
    public GlucoseFeature {
        supported = Set.copyOf(supported);
    }

    public enum Bit implements BitFlag {
        LOW_BATTERY_DETECTION, SENSOR_MALFUNCTION_DETECTION, SENSOR_SAMPLE_SIZE, SENSOR_STRIP_INSERTION_ERROR_DETECTION,
        SENSOR_STRIP_TYPE_ERROR_DETECTION, SENSOR_RESULT_HIGH_LOW_DETECTION, SENSOR_TEMPERATURE_HIGH_LOW_DETECTION,
        SENSOR_READ_INTERRUPT_DETECTION, GENERAL_DEVICE_FAULT, TIME_FAULT, MULTIPLE_BOND;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
