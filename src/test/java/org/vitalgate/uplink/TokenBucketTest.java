package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allowsTheRateAndNoMore() {
        TokenBucket bucket = new TokenBucket(100, 10, now::get);
        int taken = 0;
        for (int ms = 0; ms < 10_000; ms++) {        // 10 s in 1 ms steps
            while (bucket.tryTake()) {
                taken++;
            }
            now.addAndGet(1_000_000);
        }
        assertThat(taken).isBetween(995, 1010);
    }

    @Test
    void burstIsBoundedAfterIdleTime() {
        TokenBucket bucket = new TokenBucket(100, 10, now::get);
        now.addAndGet(60_000_000_000L);
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(10);
        assertThat(bucket.nanosUntilToken()).isBetween(9_000_000L, 10_000_001L);
    }

    @Test
    void slowRatesStillAllowOneAtATime() {
        TokenBucket bucket = new TokenBucket(0.5, 0.05, now::get);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        assertThat(bucket.nanosUntilToken()).isEqualTo(2_000_000_000L);
        now.addAndGet(2_000_000_000L);
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
