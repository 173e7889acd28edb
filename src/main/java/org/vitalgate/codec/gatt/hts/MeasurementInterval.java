package org.vitalgate.codec.gatt.hts;

/**
 * A decoded Measurement Interval (0x2A21): seconds between periodic measurements; 0 = no periodic measurement
 * (current GSS). Immutable.
 */
public record MeasurementInterval(int seconds) {
    public boolean periodic() {
        return seconds != 0;
    }
}
