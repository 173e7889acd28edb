package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An operator sees why the hub is not connected: once per cause at WARN, then reminders with counts. */
class OutageLogTest {
    private final AtomicLong nanos = new AtomicLong();
    private Instant now = Instant.parse("2026-12-03T20:00:00Z");
    private final List<String> warn = new ArrayList<>();
    private final List<String> info = new ArrayList<>();
    private final OutageLog log = new OutageLog("mqtts://broker:8883", new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, new LogThrottle(Duration.ofMinutes(10), 16, nanos::get), warn::add, info::add);

    private void advance(Duration d) {
        now = now.plus(d);
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void eachCauseOnceThenRemindersWithCountsThenTheEnd() {
        ConnectFailure refused = new ConnectFailure(ConnectFailure.Kind.TRANSIENT, "ConnectException: Connection refused");
        ConnectFailure dns = new ConnectFailure(ConnectFailure.Kind.TRANSIENT, "UnknownHostException: broker");
        for (int i = 0; i < 100; i++) {          // 100 attempts, 3 s apart: 5 minutes
            log.failed(refused, "retrying in PT3S");
            advance(Duration.ofSeconds(3));
        }
        assertThat(warn).singleElement().satisfies(line -> assertThat(line)
                .isEqualTo("uplink not connected to mqtts://broker:8883: ConnectException: Connection refused;"
                        + " retrying in PT3S; not connected for 0 s"));
        log.failed(dns, "retrying in PT5S");      // a new cause: at once
        assertThat(warn).hasSize(2);
        assertThat(warn.get(1)).contains("UnknownHostException").contains("not connected for 5 min");
        advance(Duration.ofMinutes(6));
        log.failed(refused, "retrying in PT3S"); // 10 minutes after its first line: a reminder with the count
        assertThat(warn).hasSize(3);
        assertThat(warn.get(2)).contains("Connection refused").contains("(99 more attempts failed the same way"
                + " since the last report)").contains("not connected for 11 min");
        assertThat(info).isEmpty();
        log.connected();
        assertThat(info).containsExactly("uplink connected to mqtts://broker:8883 after 102 failed attempts over 11 min");
        log.connected();
        assertThat(info).hasSize(1);
        log.failed(refused, "retrying in PT3S"); // a new outage starts afresh
        assertThat(warn).hasSize(4);
    }
}
