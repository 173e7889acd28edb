package org.vitalgate.uplink;

import java.util.function.LongSupplier;

/**
 * A token bucket for the optional publish rate cap: {@code ratePerSecond} tokens per second, holding at most
 * {@code burst} tokens (at least 1). Time comes from an injected nanosecond source so tests need no sleeps.
 *
 * <p>Not thread-safe: confined to the uplink thread.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, double burst, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + ratePerSecond);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = Math.max(1.0, burst);
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
        this.tokens = 1.0;
    }

    /** Takes one token if available. */
    boolean tryTake() {
        refill();
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Nanoseconds until one token will be available (0 if one is now). */
    long nanosUntilToken() {
        refill();
        return tokens >= 1.0 ? 0 : (long) Math.ceil((1.0 - tokens) / ratePerNano);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
    }
}
