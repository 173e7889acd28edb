package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(60), 3, now::get);

    @Test
    void firstOccurrenceAtOnceThenOneLinePerIntervalWithTheCount() {
        assertThat(throttle.admit("a")).hasValue(0);
        for (int i = 0; i < 500; i++) {
            assertThat(throttle.admit("a")).isEmpty();
        }
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(throttle.admit("a")).hasValue(500);
        assertThat(throttle.admit("a")).isEmpty();
        assertThat(throttle.clear("a")).isEqualTo(1);
        assertThat(throttle.admit("a")).hasValue(0);
    }

    @Test
    void keysAreBounded() {
        for (int i = 0; i < 10_000; i++) {
            throttle.admit("key-" + i);
        }
        assertThat(throttle.size()).isEqualTo(3);
        assertThat(throttle.admit("key-9999")).isEmpty();   // recent keys are kept
        assertThat(throttle.admit("key-0")).hasValue(0);    // the oldest were forgotten
    }

    @Test
    void repeatsText() {
        assertThat(LogThrottle.repeats(0)).isEmpty();
        assertThat(LogThrottle.repeats(3)).isEqualTo(" (3 more like it since the last report)");
    }
}
