package org.vitalgate.codec.gatt.wss;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Quantity;

/**
 * A decoded Weight Measurement (0x2A9D): weight in kg (0.005 kg steps) or lb (0.01 lb steps), empty when the
 * scale reports "measurement unsuccessful" (0xFFFF); height in cm or in; BMI in kg/m². Immutable.
 *
 * @param userId the raw User ID octet when present (255 = unknown user)
 */
public record WeightMeasurement(int flags, boolean imperial, Optional<Quantity> weight, boolean measurementUnsuccessful,
                                Optional<GattDateTime> timestamp, OptionalInt userId, Optional<Quantity> bmi,
                                Optional<Quantity> height) {
    public WeightMeasurement {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(bmi, "bmi");
        Objects.requireNonNull(height, "height");
    }
}
