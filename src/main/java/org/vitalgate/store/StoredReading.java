package org.vitalgate.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reading in the local history, as the CLI lists it.
 *
 * @param seq           per-hub sequence number
 * @param readingId     the reading's ULID
 * @param deviceAddress transport address of the device
 * @param measuredAt    corrected measurement instant
 * @param createdAt     when the store committed it
 * @param confirmedAt   when the broker acknowledged it, if it has
 */
public record StoredReading(long seq, String readingId, String deviceAddress, Instant measuredAt,
                            Instant createdAt, Optional<Instant> confirmedAt) {
    public StoredReading {
        Objects.requireNonNull(readingId, "readingId");
        Objects.requireNonNull(deviceAddress, "deviceAddress");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
