package org.vitalgate.codec.gatt.plxs;

import java.util.Objects;
import java.util.Optional;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Quantity;

/**
 * A decoded PLX Spot-Check Measurement (0x2A5E). {@code deviceClockNotSet} (flag bit 4) means the time stamp,
 * if any, is not a real time. Immutable.
 */
public record PlxSpotCheckMeasurement(int flags, Quantity spo2, Quantity pulseRate, Optional<GattDateTime> timestamp,
                                      Optional<PlxMeasurementStatus> measurementStatus,
                                      Optional<PlxDeviceAndSensorStatus> deviceAndSensorStatus,
                                      Optional<Quantity> pulseAmplitudeIndex, boolean deviceClockNotSet) {
    public PlxSpotCheckMeasurement {
        Objects.requireNonNull(spo2, "spo2");
        Objects.requireNonNull(pulseRate, "pulseRate");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(measurementStatus, "measurementStatus");
        Objects.requireNonNull(deviceAndSensorStatus, "deviceAndSensorStatus");
        Objects.requireNonNull(pulseAmplitudeIndex, "pulseAmplitudeIndex");
    }
}
