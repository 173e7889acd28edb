package org.vitalgate.reading;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The evidence of when a reading happened: the device's own time stamp exactly as reported (no zone),
 * the corrected measurement instant and how it was corrected, the measured device clock offset if any,
 * the hub's receive instant, whether the hub clock was synchronized then, and what is doubtful about these
 * ({@link TimeFlag}s). The publish instant is added by the uplink at each publish.
 *
 * <p>A measurement time later than the receive time by more than {@link #FUTURE_TOLERANCE} is impossible: such a
 * chain always carries {@link TimeFlag#MEASURED_AFTER_RECEIVED} (the constructor adds it), so a wrong clock is
 * never published as fact.
 */
public record TimeChain(
        Optional<LocalDateTime> deviceTime,
        Instant measuredAt,
        TimeCorrection correction,
        Optional<Duration> deviceClockOffset,
        Instant receivedAt,
        HubClock hubClock,
        Set<TimeFlag> flags) {

    /**
     * How far a measurement may seem to lie after its receipt without being flagged: device clocks count whole
     * seconds, so a corrected time can be up to a second late twice over (clock read, time stamp).
     */
    public static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(2);

    public TimeChain {
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(correction, "correction");
        Objects.requireNonNull(deviceClockOffset, "deviceClockOffset");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(hubClock, "hubClock");
        Objects.requireNonNull(flags, "flags");
        if (correction == TimeCorrection.HUB_RECEIVE_TIME && deviceTime.isPresent()) {
            throw new IllegalArgumentException("hub-receive-time correction with a device time");
        }
        if (correction != TimeCorrection.HUB_RECEIVE_TIME && deviceTime.isEmpty()) {
            throw new IllegalArgumentException(correction + " needs a device time");
        }
        if ((correction == TimeCorrection.DEVICE_CLOCK_OFFSET) != deviceClockOffset.isPresent()) {
            throw new IllegalArgumentException(correction + (deviceClockOffset.isPresent() ? " with" : " without")
                    + " a device clock offset");
        }
        EnumSet<TimeFlag> all = EnumSet.noneOf(TimeFlag.class);
        all.addAll(flags);
        if (measuredAt.isAfter(receivedAt.plus(FUTURE_TOLERANCE))) {
            all.add(TimeFlag.MEASURED_AFTER_RECEIVED);
        }
        flags = Set.copyOf(all);
    }

    /** A chain without flags of its own (the future check still applies). */
    public TimeChain(Optional<LocalDateTime> deviceTime, Instant measuredAt, TimeCorrection correction,
                     Optional<Duration> deviceClockOffset, Instant receivedAt, HubClock hubClock) {
        this(deviceTime, measuredAt, correction, deviceClockOffset, receivedAt, hubClock, Set.of());
    }

    /** A reading with no device time stamp: measured when received. */
    public static TimeChain receivedOnly(Instant receivedAt, HubClock hubClock) {
        return new TimeChain(Optional.empty(), receivedAt, TimeCorrection.HUB_RECEIVE_TIME, Optional.empty(), receivedAt,
                hubClock);
    }
}
