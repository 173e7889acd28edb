package org.vitalgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;

/**
 * Builds a reading's time chain. When the device's clock was read recently (Current Time, within
 * {@link #OFFSET_VALIDITY} of the reading's arrival: the same connection), the offset between the device's wall
 * clock and the hub's is known and removed from the device time stamp ({@link TimeCorrection#DEVICE_CLOCK_OFFSET});
 * an older offset is not trusted (the clock may have been set or moved for daylight saving since), and then the device time is taken as local wall-clock time in
 * the hub's zone, or as UTC where the profile says so. A reading without a device time stamp is measured when
 * received. Confined to the ingest thread.
 */
final class TimeCorrector {
    private final ZoneId zone;
    /** How long a clock read stands for the device's clock. */
    static final Duration OFFSET_VALIDITY = Duration.ofMinutes(10);

    private final Map<String, ClockRead> clockByDevice = new HashMap<>();

    private record ClockRead(Duration offset, Instant at) {
    }

    TimeCorrector(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Records the device clock as read at hub instant {@code at}. */
    void clockRead(String address, LocalDateTime deviceClock, Instant at, boolean deviceTimeIsUtc) {
        LocalDateTime hubWall = LocalDateTime.ofInstant(at, deviceTimeIsUtc ? ZoneOffset.UTC : zone);
        clockByDevice.put(address, new ClockRead(Duration.between(hubWall, deviceClock), at));
    }

    TimeChain chain(String address, Optional<LocalDateTime> deviceTime, Instant receivedAt, boolean deviceTimeIsUtc,
                    HubClock hubClock) {
        if (deviceTime.isEmpty()) {
            return TimeChain.receivedOnly(receivedAt, hubClock);
        }
        LocalDateTime dt = deviceTime.get();
        ZoneId deviceZone = deviceTimeIsUtc ? ZoneOffset.UTC : zone;
        ClockRead read = clockByDevice.get(address);
        if (read != null && Duration.between(read.at(), receivedAt).abs().compareTo(OFFSET_VALIDITY) <= 0) {
            Duration offset = read.offset();
            Instant measured = dt.minus(offset).atZone(deviceZone).toInstant();
            return new TimeChain(deviceTime, measured, TimeCorrection.DEVICE_CLOCK_OFFSET, Optional.of(offset), receivedAt,
                    hubClock);
        }
        Instant measured = dt.atZone(deviceZone).toInstant();
        return new TimeChain(deviceTime, measured,
                deviceTimeIsUtc ? TimeCorrection.DEVICE_UTC : TimeCorrection.DEVICE_LOCAL, Optional.empty(), receivedAt,
                hubClock);
    }
}
