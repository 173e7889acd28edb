package org.vitalgate.codec.gatt.plxs;

import java.util.Set;
import org.vitalgate.codec.BitFlag;

/** PLX Device and Sensor Status (24 bits; bits 16–23 reserved, kept in {@code raw}). Immutable. */
public record PlxDeviceAndSensorStatus(int raw, Set<Bit> bits) {
    public PlxDeviceAndSensorStatus {
        bits = Set.copyOf(bits);
    }

    public static PlxDeviceAndSensorStatus of(int raw) {
        return new PlxDeviceAndSensorStatus(raw, BitFlag.decode(raw, Bit.class));
    }

    public enum Bit implements BitFlag {
        EXTENDED_DISPLAY_UPDATE_ONGOING, EQUIPMENT_MALFUNCTION_DETECTED, SIGNAL_PROCESSING_IRREGULARITY_DETECTED,
        INADEQUATE_SIGNAL_DETECTED, POOR_SIGNAL_DETECTED, LOW_PERFUSION_DETECTED, ERRATIC_SIGNAL_DETECTED,
        NON_PULSATILE_SIGNAL_DETECTED, QUESTIONABLE_PULSE_DETECTED, SIGNAL_ANALYSIS_ONGOING,
        SENSOR_INTERFERENCE_DETECTED, SENSOR_UNCONNECTED_TO_USER, UNKNOWN_SENSOR_CONNECTED, SENSOR_DISPLACED,
        SENSOR_MALFUNCTIONING, SENSOR_DISCONNECTED;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
