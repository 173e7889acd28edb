package org.vitalgate.codec.gatt.plxs;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.vitalgate.codec.BitFlag;

/**
 * PLX Features (0x2A60): supported features (16 bits) and, when flagged, which measurement-status and
 * device-and-sensor-status bits the device supports (raw masks, same bit layout as the status fields).
 * Immutable.
 */
public record PlxFeatures(int raw, Set<Bit> supported, OptionalInt measurementStatusSupport,
                          OptionalInt deviceAndSensorStatusSupport) {
    public PlxFeatures {
        supported = Set.copyOf(supported);
        Objects.requireNonNull(measurementStatusSupport, "measurementStatusSupport");
        Objects.requireNonNull(deviceAndSensorStatusSupport, "deviceAndSensorStatusSupport");
    }

    public enum Bit implements BitFlag {
        MEASUREMENT_STATUS_SUPPORT_PRESENT, DEVICE_AND_SENSOR_STATUS_SUPPORT_PRESENT, SPOT_CHECK_MEASUREMENT_STORAGE,
        SPOT_CHECK_TIMESTAMP, SPO2PR_FAST, SPO2PR_SLOW, PULSE_AMPLITUDE_INDEX, MULTIPLE_BONDS;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
