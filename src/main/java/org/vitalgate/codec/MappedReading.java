package org.vitalgate.codec;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.StatusFlag;

/**
 * What one decoded measurement characteristic contributes to a reading: the measurements (platform units),
 * device status flags, the device's own time stamp (no zone), the user slot (255 = unknown user is mapped to
 * empty) and the device's record number (glucose sequence number). {@code measurements} may be empty when
 * the device reports a record without a value (e.g. "measurement unsuccessful"); ingest turns such records
 * into events, not readings. {@code trailingOctets} are octets beyond those the flags announce, kept raw when
 * the device profile chose to ignore them ({@link TrailingOctets#IGNORE}); empty otherwise. Records flagged {@link StatusFlag#CONTROL_SOLUTION} are not vital signs. Immutable.
 */
public record MappedReading(String codecId, List<Measurement> measurements, Set<StatusFlag> flags,
                            Optional<LocalDateTime> deviceTime, OptionalInt userId, OptionalLong recordNumber,
                            Bytes trailingOctets) {
    public MappedReading {
        Objects.requireNonNull(codecId, "codecId");
        measurements = List.copyOf(measurements);
        flags = Set.copyOf(flags);
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(recordNumber, "recordNumber");
        Objects.requireNonNull(trailingOctets, "trailingOctets");
    }

    /** A reading decoded from exactly the octets its flags announce (no trailing octets). */
    public MappedReading(String codecId, List<Measurement> measurements, Set<StatusFlag> flags,
                         Optional<LocalDateTime> deviceTime, OptionalInt userId, OptionalLong recordNumber) {
        this(codecId, measurements, flags, deviceTime, userId, recordNumber, Bytes.empty());
    }

    /**
     * The same reading with {@code tail}: octets beyond those its flags announce, left out of the decoding
     * because the device profile says {@code trailingOctets: ignore}, kept raw so that nothing is dropped unseen.
     */
    public MappedReading withTrailingOctets(Bytes tail) {
        return new MappedReading(codecId, measurements, flags, deviceTime, userId, recordNumber, tail);
    }

    /** The user id as devices send it: empty when absent or 255 ("unknown user"). */
    public static OptionalInt userId(OptionalInt raw) {
        return raw.isPresent() && raw.getAsInt() != 255 ? raw : OptionalInt.empty();
    }
}
