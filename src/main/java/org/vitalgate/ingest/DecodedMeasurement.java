package org.vitalgate.ingest;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.StatusFlag;

/**
 * What ingest needs from a decoded measurement characteristic.
 *
 * @param measurements values with types and units
 * @param flags        device status flags
 * @param deviceTime   the device's own time stamp, as reported
 * @param userId       device user id, if reported
 * @param recordNumber device record (sequence) number, if any
 */
public record DecodedMeasurement(List<Measurement> measurements, Set<StatusFlag> flags,
                                 Optional<LocalDateTime> deviceTime, OptionalInt userId, OptionalLong recordNumber) {
    public DecodedMeasurement {
        measurements = List.copyOf(measurements);
        flags = Set.copyOf(flags);
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(recordNumber, "recordNumber");
    }
}
