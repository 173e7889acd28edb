package org.vitalgate.config;

import java.util.Objects;

/**
 * Bluetooth Low Energy.
 *
 * @param enabled whether the agent uses BlueZ at all (default true)
 * @param adapter the BlueZ adapter name (default {@code hci0})
 */
public record BleSettings(boolean enabled, String adapter) {
    public BleSettings {
        Objects.requireNonNull(adapter, "adapter");
    }

    public static BleSettings defaults() {
        return new BleSettings(true, "hci0");
    }
}
