package org.vitalgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.TimeFlag;

/**
 * Builds a reading's time chain (design.md "Time chain rules").
 *
 * <p>A device's clock is learned per connection: read (Current Time, Date Time), or just written by the hub (then
 * it equals the hub clock: offset zero). A reading that arrives on the <em>same</em> connection, within
 * {@link #OFFSET_VALIDITY} of the learning, has the offset removed from its device time stamp
 * ({@link TimeCorrection#DEVICE_CLOCK_OFFSET}). A clock learned on another connection is not trusted (the clock may
 * have been set, or moved for daylight saving, since). Without a learned clock the device time is kept as reported
 * and read as local wall-clock time in the hub's zone, or as UTC where the profile says so, with a correction kind
 * that says it is uncorrected. A local wall-clock time in the hour repeated when daylight saving ends is flagged
 * {@link TimeFlag#AMBIGUOUS_LOCAL_TIME}; a measurement after its receipt is flagged by {@link TimeChain} itself.
 * A reading without a device time stamp is measured when received. Confined to the ingest thread.
 */
final class TimeCorrector {
    /** How long a learned clock stands for the device's clock, even within one long connection. */
    static final Duration OFFSET_VALIDITY = Duration.ofMinutes(10);

    private final ZoneId zone;
    private final Map<String, Learned> clockByDevice = new HashMap<>();

    private record Learned(long connection, Duration offset, Instant at) {
    }

    TimeCorrector(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The device clock, read on {@code connection}, said {@code deviceClock} at hub instant {@code at}. */
    void clockRead(String address, long connection, LocalDateTime deviceClock, Instant at, boolean deviceTimeIsUtc) {
        LocalDateTime hubWall = LocalDateTime.ofInstant(at, deviceTimeIsUtc ? ZoneOffset.UTC : zone);
        if (deviceClock.getNano() == 0) {
            hubWall = hubWall.truncatedTo(ChronoUnit.SECONDS); // a clock counting whole seconds shows the floor
        }
        clockByDevice.put(address, new Learned(connection, Duration.between(hubWall, deviceClock), at));
    }

    /** The hub wrote the device's clock on {@code connection} at {@code at}: from then on it is the hub's clock. */
    void clockSet(String address, long connection, Instant at) {
        clockByDevice.put(address, new Learned(connection, Duration.ZERO, at));
    }

    TimeChain chain(String address, long connection, Optional<LocalDateTime> deviceTime, Instant receivedAt,
                    boolean deviceTimeIsUtc, HubClock hubClock) {
        if (deviceTime.isEmpty()) {
            return TimeChain.receivedOnly(receivedAt, hubClock);
        }
        LocalDateTime dt = deviceTime.get();
        ZoneId deviceZone = deviceTimeIsUtc ? ZoneOffset.UTC : zone;
        Learned learned = clockByDevice.get(address);
        boolean applies = learned != null && learned.connection() == connection
                && Duration.between(learned.at(), receivedAt).abs().compareTo(OFFSET_VALIDITY) <= 0;
        LocalDateTime hubWall = applies ? dt.minus(learned.offset()) : dt;
        Set<TimeFlag> flags = EnumSet.noneOf(TimeFlag.class);
        if (deviceZone.getRules().getValidOffsets(hubWall).size() > 1) {
            flags.add(TimeFlag.AMBIGUOUS_LOCAL_TIME);
        }
        Instant measured = hubWall.atZone(deviceZone).toInstant(); // in a fold: the earlier instant
        if (applies) {
            return new TimeChain(deviceTime, measured, TimeCorrection.DEVICE_CLOCK_OFFSET,
                    Optional.of(learned.offset()), receivedAt, hubClock, flags);
        }
        return new TimeChain(deviceTime, measured, deviceTimeIsUtc ? TimeCorrection.DEVICE_UTC_UNCORRECTED
                : TimeCorrection.DEVICE_LOCAL_UNCORRECTED, Optional.empty(), receivedAt, hubClock, flags);
    }
}
