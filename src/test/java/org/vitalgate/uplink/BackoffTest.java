package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(42));

    @Test
    void delaysStayBetweenTheFloorAndTheDoublingCap() {
        for (int attempt = 0; attempt < 40; attempt++) {
            long cap = Math.min(300_000, 1000L << Math.min(attempt + 1, 30));
            assertThat(backoff.upperBound(attempt)).isEqualTo(cap);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(1000L, cap);
            }
        }
    }

    @Test
    void capIsReachedAndNeverExceeded() {
        assertThat(backoff.upperBound(7)).isEqualTo(256_000);
        assertThat(backoff.upperBound(8)).isEqualTo(300_000);
        assertThat(backoff.upperBound(Integer.MAX_VALUE - 1)).isEqualTo(300_000);
        assertThat(backoff.delay(1000).toMillis()).isLessThanOrEqualTo(300_000);
    }

    @Test
    void jitterSpreadsDelaysOverTheWholeRange() {
        Set<Long> buckets = new HashSet<>();
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int i = 0; i < 2000; i++) {
            long ms = backoff.delay(10).toMillis();
            buckets.add(ms / 30_000);
            lowest = Math.min(lowest, ms);
            highest = Math.max(highest, ms);
        }
        assertThat(buckets).hasSize(10);               // all of 1 s .. 300 s, in 30 s buckets
        assertThat(lowest).isLessThan(10_000);
        assertThat(highest).isGreaterThan(290_000);
    }

    @Test
    void extremeRandomValuesStayInBounds() {
        RandomGenerator zero = () -> 0L;
        RandomGenerator one = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);
            }
        };
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), zero).delay(3).toMillis()).isEqualTo(100);
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), one).delay(3).toMillis()).isEqualTo(1000);
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), one).delay(7).toMillis()).isEqualTo(100);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
