package org.vitalgate.uplink;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter between a floor and a cap: attempt {@code n} (0-based) waits a uniformly
 * random time in {@code [min, min(max, min * 2^(n+1))]}. The floor keeps a hub from hammering a broker with
 * zero delays; the jitter spreads a fleet of hubs that lost the same broker at the same moment.
 *
 * <p>Immutable apart from the injected random source; thread-safe if that is.
 */
public final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max: " + min + ", " + max);
        }
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
        }
        long cap = upperBound(attempt);
        long ms = cap == minMs ? minMs : minMs + (long) (random.nextDouble() * (cap - minMs + 1));
        return Duration.ofMillis(Math.min(ms, cap));
    }

    /** The largest delay {@link #delay(int)} can return for {@code attempt}. */
    public long upperBound(int attempt) {
        int shift = Math.min(attempt + 1, 62);
        long base = Math.max(minMs, 1);
        long grown = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Math.max(minMs, Math.min(maxMs, grown));
    }
}
