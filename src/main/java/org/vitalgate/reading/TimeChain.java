package org.vitalgate.reading;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence of when a reading happened: the device's own time stamp exactly as reported (no zone),
 * the corrected measurement instant and how it was corrected, the measured device clock offset if any,
 * the hub's receive instant and whether the hub clock was synchronized then. The publish instant is added by the
 * uplink at each publish.
 */
public record TimeChain(
        Optional<LocalDateTime> deviceTime,
        Instant measuredAt,
        TimeCorrection correction,
        Optional<Duration> deviceClockOffset,
        Instant receivedAt,
        HubClock hubClock) {

    public TimeChain {
        Objects.requireNonNull(deviceTime, "deviceTime");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(correction, "correction");
        Objects.requireNonNull(deviceClockOffset, "deviceClockOffset");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(hubClock, "hubClock");
        if (correction == TimeCorrection.HUB_RECEIVE_TIME && deviceTime.isPresent()) {
            throw new IllegalArgumentException("hub-receive-time correction with a device time");
        }
        if (correction != TimeCorrection.HUB_RECEIVE_TIME && deviceTime.isEmpty()) {
            throw new IllegalArgumentException(correction + " needs a device time");
        }
    }

    /** A reading with no device time stamp: measured when received. */
    public static TimeChain receivedOnly(Instant receivedAt, HubClock hubClock) {
        return new TimeChain(Optional.empty(), receivedAt, TimeCorrection.HUB_RECEIVE_TIME, Optional.empty(), receivedAt,
                hubClock);
    }
}
