package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenThrottleTest {
    private static final Duration TEN_MIN = Duration.ofMinutes(10);
    private final Instant t0 = Instant.parse("2026-12-03T20:00:00Z");

    @Test
    void oncePerAddressPerInterval() {
        SeenThrottle t = new SeenThrottle(TEN_MIN, 8, 100);
        assertThat(t.admit("A", t0)).isTrue();
        assertThat(t.admit("A", t0.plusSeconds(599))).isFalse();
        assertThat(t.admit("B", t0.plusSeconds(1))).isTrue();
        assertThat(t.admit("A", t0.plusSeconds(600))).isTrue();
    }

    @Test
    void memoryAndEventsAreBoundedWhateverTheNumberOfAddresses() {
        SeenThrottle t = new SeenThrottle(TEN_MIN, 1024, 64);
        int events = 0;
        for (int i = 0; i < 100_000; i++) {
            if (t.admit("addr-" + i, t0.plusMillis(i))) {
                events++;
            }
        }
        assertThat(events).isEqualTo(64);
        assertThat(t.takeSuppressed()).isEqualTo(100_000 - 64);
        assertThat(t.takeSuppressed()).isZero();
        int later = 0;
        for (int i = 0; i < 100_000; i++) {
            if (t.admit("other-" + i, t0.plus(TEN_MIN).plusSeconds(i))) {   // 100 000 s: about 167 intervals
                later++;
            }
        }
        assertThat(later).isBetween(64 * 166, 64 * 168);
        assertThat(t.size()).isEqualTo(1024);
    }
}
