package org.vitalgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.vitalgate.uplink.LogThrottle;

/**
 * Counts frames that were not kept and decides when to say so: one log line per {@code logInterval} with the
 * counts since the last one, and per device one event per {@code eventInterval} carrying every frame lost since
 * its last event (so a flood becomes a few counted lines and events, never one per frame, and no count is lost).
 * When devices' events were last raised is remembered for at most {@link #MAX_DEVICES} devices (the least recently
 * seen is forgotten first: its next event is due at once, its pending count is kept), so memory stays bounded
 * whatever addresses frames come from.
 *
 * <p>Confined to the ingest thread, except {@link #total()} (any thread).
 */
final class LossReport {
    /** What to tell now: the log line's counts (if one is due) and the per-device event counts due. */
    record Due(long framesSinceLog, int devicesSinceLog, long total, Map<String, Long> events) {
        boolean logDue() {
            return framesSinceLog > 0;
        }
    }

    /** Devices whose last event time is remembered. */
    static final int MAX_DEVICES = 256;

    private final Duration logInterval;
    private final Map<String, Long> pendingEvent = new LinkedHashMap<>();
    private final LogThrottle eventDue;
    private final Map<String, Boolean> devicesSinceLog = new HashMap<>();
    private long framesSinceLog;
    private volatile long total;              // read by other threads (one writer)
    private Instant lastLog = Instant.MIN;

    /** @param nanoTime a monotonic clock for the per-device event interval */
    LossReport(Duration logInterval, Duration eventInterval, LongSupplier nanoTime) {
        this.logInterval = logInterval;
        this.eventDue = new LogThrottle(eventInterval, MAX_DEVICES, nanoTime);
    }

    void lost(String address, long frames) {
        pendingEvent.merge(address, frames, Long::sum);
        devicesSinceLog.put(address, Boolean.TRUE);
        framesSinceLog += frames;
        total += frames;
    }

    /** Devices whose last event time is remembered (never more than {@link #MAX_DEVICES}). */
    int remembered() {
        return eventDue.size();
    }

    long total() {
        return total;
    }

    /**
     * What is due: the log line by {@code now}, the events by the monotonic clock; with {@code flush}, everything
     * pending regardless of the intervals.
     */
    Due due(Instant now, boolean flush) {
        Map<String, Long> events = new LinkedHashMap<>();
        for (var it = pendingEvent.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            // the throttle's own count is not used: pendingEvent counts the frames
            if (flush || eventDue.admit(e.getKey()).isPresent()) {
                events.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        if (framesSinceLog > 0 && (flush || !now.isBefore(lastLog.plus(logInterval)))) {
            Due d = new Due(framesSinceLog, devicesSinceLog.size(), total, events);
            framesSinceLog = 0;
            devicesSinceLog.clear();
            lastLog = now;
            return d;
        }
        return new Due(0, 0, total, events);
    }
}
