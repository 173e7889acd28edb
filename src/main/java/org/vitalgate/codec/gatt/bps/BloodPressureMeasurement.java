package org.vitalgate.codec.gatt.bps;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Quantity;

/**
 * A decoded Blood Pressure Measurement (0x2A35). Pressures are in mmHg or kPa as the flags say (never
 * converted); {@code flags} keeps the raw octet including reserved bits. Immutable.
 *
 * @param userId the raw User ID octet when present (255 = unknown user)
 */
public record BloodPressureMeasurement(int flags, Quantity systolic, Quantity diastolic, Quantity meanArterialPressure,
                                       Optional<GattDateTime> timestamp, Optional<Quantity> pulseRate,
                                       OptionalInt userId, Optional<BloodPressureMeasurementStatus> status) {
    public BloodPressureMeasurement {
        Objects.requireNonNull(systolic, "systolic");
        Objects.requireNonNull(diastolic, "diastolic");
        Objects.requireNonNull(meanArterialPressure, "meanArterialPressure");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(pulseRate, "pulseRate");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}
