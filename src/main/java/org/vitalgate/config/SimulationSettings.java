package org.vitalgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The simulated home used by the demo (and by operators trying the agent without devices).
 *
 * @param enabled    whether simulated devices produce readings (default false)
 * @param interval   time between two simulated readings of one device (default 10s)
 * @param speed      how much faster than real time the simulated clock runs (default 1.0)
 * @param patientKey the enrollment key simulated devices are assigned to (default {@code simulated-patient})
 */
public record SimulationSettings(boolean enabled, Duration interval, double speed, String patientKey) {
    public SimulationSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(patientKey, "patientKey");
        if (interval.isNegative() || interval.isZero() || !(speed > 0) || patientKey.isBlank()) {
            throw new IllegalArgumentException("simulation settings out of range");
        }
    }

    public static SimulationSettings defaults() {
        return new SimulationSettings(false, Duration.ofSeconds(10), 1.0, "simulated-patient");
    }
}
