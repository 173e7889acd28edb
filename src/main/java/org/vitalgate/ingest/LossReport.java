package org.vitalgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts frames that were not kept and decides when to say so: one log line per {@code logInterval} with the
 * counts since the last one, and per device one event per {@code eventInterval} carrying every frame lost since
 * its last event (so a flood becomes a few counted lines and events, never one per frame, and no count is lost).
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

    private final Duration logInterval;
    private final Duration eventInterval;
    private final Map<String, Long> pendingEvent = new LinkedHashMap<>();
    private final Map<String, Instant> lastEvent = new HashMap<>();
    private final Map<String, Boolean> devicesSinceLog = new HashMap<>();
    private long framesSinceLog;
    private volatile long total;              // read by other threads (one writer)
    private Instant lastLog = Instant.MIN;

    LossReport(Duration logInterval, Duration eventInterval) {
        this.logInterval = logInterval;
        this.eventInterval = eventInterval;
    }

    void lost(String address, long frames) {
        pendingEvent.merge(address, frames, Long::sum);
        devicesSinceLog.put(address, Boolean.TRUE);
        framesSinceLog += frames;
        total += frames;
    }

    long total() {
        return total;
    }

    /** What is due at {@code now}; with {@code flush}, everything pending regardless of the intervals. */
    Due due(Instant now, boolean flush) {
        Map<String, Long> events = new LinkedHashMap<>();
        for (var it = pendingEvent.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Instant last = lastEvent.get(e.getKey());
            if (flush || last == null || !now.isBefore(last.plus(eventInterval))) {
                events.put(e.getKey(), e.getValue());
                lastEvent.put(e.getKey(), now);
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
