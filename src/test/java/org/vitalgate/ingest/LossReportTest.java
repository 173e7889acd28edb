package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LossReportTest {
    private final AtomicLong nanos = new AtomicLong();
    private final LossReport report = new LossReport(Duration.ofSeconds(10), Duration.ofMinutes(1), nanos::get);
    private final Instant t0 = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void oneEventAMinutePerDeviceCountingEveryFrame() {
        report.lost("AA", 3);
        assertThat(report.due(t0, false).events()).containsExactlyEntriesOf(java.util.Map.of("AA", 3L));
        report.lost("AA", 5);
        report.lost("AA", 2);
        assertThat(report.due(t0, false).events()).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(report.due(t0, false).events()).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(report.due(t0, false).events()).containsExactlyEntriesOf(java.util.Map.of("AA", 7L));
        assertThat(report.total()).isEqualTo(10);
    }

    @Test
    void distinctAddressesAreBoundedAndNoFrameGoesUncounted() {
        String known = "C0:FF:EE:00:00:01";
        report.lost(known, 1);
        long events = report.due(t0, false).events().values().stream().mapToLong(Long::longValue).sum();
        for (int i = 0; i < 100_000; i++) {
            report.lost("02:00:" + i, 1);
            report.lost(known, 1);
            events += report.due(t0, false).events().entrySet().stream()
                    .filter(e -> !e.getKey().equals(known)).mapToLong(java.util.Map.Entry::getValue).sum();
        }
        assertThat(report.remembered()).isEqualTo(LossReport.MAX_DEVICES);
        // the known device, seen all along, is still limited: its frames wait for its next event
        assertThat(report.due(t0, false).events()).doesNotContainKey(known);
        long flushed = report.due(t0, true).events().get(known);
        assertThat(events + flushed).isEqualTo(report.total()).isEqualTo(200_001);
    }
}
