package org.vitalgate.codec.gatt.plxs;

import java.util.Objects;
import java.util.Optional;
import org.vitalgate.reading.Quantity;

/** A decoded PLX Continuous Measurement (0x2A5F). Immutable. */
public record PlxContinuousMeasurement(int flags, SpO2Pr normal, Optional<SpO2Pr> fast, Optional<SpO2Pr> slow,
                                       Optional<PlxMeasurementStatus> measurementStatus,
                                       Optional<PlxDeviceAndSensorStatus> deviceAndSensorStatus,
                                       Optional<Quantity> pulseAmplitudeIndex) {
    public PlxContinuousMeasurement {
        Objects.requireNonNull(normal, "normal");
        Objects.requireNonNull(fast, "fast");
        Objects.requireNonNull(slow, "slow");
        Objects.requireNonNull(measurementStatus, "measurementStatus");
        Objects.requireNonNull(deviceAndSensorStatus, "deviceAndSensorStatus");
        Objects.requireNonNull(pulseAmplitudeIndex, "pulseAmplitudeIndex");
    }

    /** One SpO2 (%) and pulse rate (/min) pair. */
    public record SpO2Pr(Quantity spo2, Quantity pulseRate) {
        public SpO2Pr {
            Objects.requireNonNull(spo2, "spo2");
            Objects.requireNonNull(pulseRate, "pulseRate");
        }
    }
}
