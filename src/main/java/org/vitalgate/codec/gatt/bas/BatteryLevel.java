package org.vitalgate.codec.gatt.bas;

/** Battery Level (0x2A19) in percent, 0..100. Immutable. */
public record BatteryLevel(int percent) {
    public BatteryLevel {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent out of range: " + percent);
        }
    }
}
