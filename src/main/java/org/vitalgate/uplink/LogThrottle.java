package org.vitalgate.uplink;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Decides which repeats of a warning get a log line: the first occurrence of a key at once, then at most one
 * line per {@code interval} per key, each saying how many occurrences it stands for. A flood of the same
 * problem therefore costs one line per interval, never one line per item. At most {@code maxKeys} keys are
 * remembered (the least recently seen is forgotten first), so distinct keys cannot grow memory without bound.
 * Thread-safe.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries;

    private static final class Entry {
        long loggedAt;
        long suppressed;

        Entry(long loggedAt) {
            this.loggedAt = loggedAt;
        }
    }

    public LogThrottle(Duration interval, int maxKeys, LongSupplier nanoTime) {
        this.intervalNanos = Objects.requireNonNull(interval, "interval").toNanos();
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be >= 1: " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** With the system's monotonic clock. */
    public LogThrottle(Duration interval, int maxKeys) {
        this(interval, maxKeys, System::nanoTime);
    }

    /**
     * One more occurrence of {@code key}. Returns empty when no line should be written now; otherwise the number
     * of occurrences since the previous line of this key that got none (0 for a key's first line).
     */
    public synchronized OptionalLong admit(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= maxKeys) {
                Iterator<Entry> eldest = entries.values().iterator();
                eldest.next();
                eldest.remove();
            }
            entries.put(key, new Entry(now));
            return OptionalLong.of(0);
        }
        if (now - e.loggedAt < intervalNanos) {
            e.suppressed++;
            return OptionalLong.empty();
        }
        long n = e.suppressed;
        e.suppressed = 0;
        e.loggedAt = now;
        return OptionalLong.of(n);
    }

    /**
     * Forgets {@code key} and returns how many of its occurrences got no line since its last one (e.g. to say
     * "resolved after n more" once the cause is gone).
     */
    public synchronized long clear(String key) {
        Entry e = entries.remove(key);
        return e == null ? 0 : e.suppressed;
    }

    /** Forgets every key. */
    public synchronized void clearAll() {
        entries.clear();
    }

    /** How many keys are remembered now (never more than {@code maxKeys}). */
    public synchronized int size() {
        return entries.size();
    }

    /** {@code ""} for 0, else {@code " (n more since the last report)"}: for the end of a log line. */
    public static String repeats(long suppressed) {
        return suppressed == 0 ? "" : " (" + suppressed + " more like it since the last report)";
    }
}
