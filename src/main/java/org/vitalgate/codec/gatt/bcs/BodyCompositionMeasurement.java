package org.vitalgate.codec.gatt.bcs;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Quantity;

/**
 * A decoded Body Composition Measurement (0x2A9C) packet, or a whole measurement merged from several packets
 * by {@link BodyCompositionAssembler}. Body fat is empty when the scale reports "measurement unsuccessful"
 * (0xFFFF). Masses are kg (0.005) or lb (0.01); height cm or in. Immutable.
 *
 * @param flags              the raw 16-bit flags (of the first packet when merged)
 * @param multiplePacket     flag bit 12: this packet is part of a multi-packet measurement
 * @param basalMetabolismKj  basal metabolism in kilojoules
 * @param impedanceOhm       impedance in ohms (0.1 Ω resolution)
 * @param userId             the raw User ID octet when present (255 = unknown user)
 */
public record BodyCompositionMeasurement(int flags, boolean imperial, boolean multiplePacket,
                                         Optional<Quantity> bodyFatPercentage, boolean measurementUnsuccessful,
                                         Optional<GattDateTime> timestamp, OptionalInt userId,
                                         OptionalInt basalMetabolismKj, Optional<Quantity> musclePercentage,
                                         Optional<Quantity> muscleMass, Optional<Quantity> fatFreeMass,
                                         Optional<Quantity> softLeanMass, Optional<Quantity> bodyWaterMass,
                                         Optional<BigDecimal> impedanceOhm, Optional<Quantity> weight,
                                         Optional<Quantity> height) {
    public BodyCompositionMeasurement {
        Objects.requireNonNull(bodyFatPercentage, "bodyFatPercentage");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(basalMetabolismKj, "basalMetabolismKj");
        Objects.requireNonNull(musclePercentage, "musclePercentage");
        Objects.requireNonNull(muscleMass, "muscleMass");
        Objects.requireNonNull(fatFreeMass, "fatFreeMass");
        Objects.requireNonNull(softLeanMass, "softLeanMass");
        Objects.requireNonNull(bodyWaterMass, "bodyWaterMass");
        Objects.requireNonNull(impedanceOhm, "impedanceOhm");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(height, "height");
    }
}
