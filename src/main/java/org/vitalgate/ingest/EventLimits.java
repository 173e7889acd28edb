package org.vitalgate.ingest;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.vitalgate.store.EventType;
import org.vitalgate.uplink.LogThrottle;

/**
 * Which of ingest's repeatable events are raised: per event type one interval (the MQTT contract's "at most once
 * per ..."), per key (device, or device and codec) at most one event per interval, each carrying how many like
 * events were not raised since the previous one. At most {@link #MAX_KEYS} keys are remembered per type (the least
 * recently seen is forgotten first), so neighbours' devices or bad input cannot grow memory without bound; a
 * forgotten key that comes back is raised again at once. Thread-safe.
 */
final class EventLimits {
    /** Keys remembered per event type: far more than the devices of one home. */
    static final int MAX_KEYS = 256;

    /** The intervals documented in docs/mqtt-contract.md (events table). */
    static final Map<EventType, Duration> INTERVALS = Map.of(
            EventType.DEVICE_SEEN, Duration.ofMinutes(10),
            EventType.DECODE_FAILED, Duration.ofMinutes(1),
            EventType.MEASUREMENT_WITHOUT_VALUE, Duration.ofMinutes(10),
            EventType.READING_OF_OTHER_USER, Duration.ofMinutes(10),
            EventType.TRAILING_OCTETS_IGNORED, Duration.ofMinutes(10));

    private final Map<EventType, LogThrottle> throttles = new EnumMap<>(EventType.class);

    /** @param nanoTime a monotonic clock (the system's in production: a stepped wall clock must not mute events) */
    EventLimits(LongSupplier nanoTime) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        INTERVALS.forEach((type, interval) -> throttles.put(type, new LogThrottle(interval, MAX_KEYS, nanoTime)));
    }

    /**
     * One more occurrence of {@code type} for {@code key}: empty when no event is due now, otherwise how many
     * occurrences of this key were not raised since its previous event (0 for its first).
     */
    OptionalLong admit(EventType type, String key) {
        LogThrottle t = throttles.get(type);
        if (t == null) {
            throw new IllegalArgumentException("not a rate-limited ingest event: " + type);
        }
        return t.admit(key);
    }

    /** Keys remembered for {@code type} (never more than {@link #MAX_KEYS}). */
    int size(EventType type) {
        return throttles.get(type).size();
    }
}
