package org.vitalgate.codec.gatt.bps;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Quantity;

/**
 * A decoded Intermediate Cuff Pressure (0x2A36): the BPM format whose first SFLOAT is the current cuff
 * pressure; the diastolic and MAP slots are unused by the spec and kept only as received. Not a reading.
 * Immutable.
 */
public record IntermediateCuffPressure(int flags, Quantity currentCuffPressure, Quantity unusedDiastolic,
                                       Quantity unusedMeanArterialPressure, Optional<GattDateTime> timestamp,
                                       Optional<Quantity> pulseRate, OptionalInt userId,
                                       Optional<BloodPressureMeasurementStatus> status) {
    public IntermediateCuffPressure {
        Objects.requireNonNull(currentCuffPressure, "currentCuffPressure");
        Objects.requireNonNull(unusedDiastolic, "unusedDiastolic");
        Objects.requireNonNull(unusedMeanArterialPressure, "unusedMeanArterialPressure");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(pulseRate, "pulseRate");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}
