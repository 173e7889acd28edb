package org.vitalgate.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogLineTest {
    private static final Instant AT = Instant.parse("2026-12-03T20:10:00.123Z");
    private final LogLine journal = new LogLine(true, ZoneOffset.UTC);
    private final LogLine console = new LogLine(false, ZoneOffset.UTC);

    @Test
    void journalLinesCarryThePriorityPrefixAndNoTimeStamp() {
        assertThat(journal.format(AT, Level.ERROR, "uplink", "org.vitalgate.uplink.MqttUplink", "x {}",
                new Object[] {1}, Optional.empty())).isEqualTo("<3>[uplink] ERROR MqttUplink - x 1");
        assertThat(line(journal, Level.WARN)).startsWith("<4>[");
        assertThat(line(journal, Level.INFO)).startsWith("<6>[");
        assertThat(line(journal, Level.DEBUG)).startsWith("<7>[");
        assertThat(line(journal, Level.TRACE)).startsWith("<7>[");
        assertThat(line(journal, Level.INFO)).doesNotContain("2026");
    }

    @Test
    void consoleLinesKeepTheirTimeStampAndNoPrefix() {
        assertThat(console.format(AT, Level.INFO, "main", "org.vitalgate.app.Agent", "stopped", null,
                Optional.empty())).isEqualTo("2026-12-03T20:10:00.123Z [main] INFO Agent - stopped");
    }

    @Test
    void aStackTraceIsOneJournalEntry() {
        Exception e = new UncheckedIOException("store gone", new IOException("disk I/O error"));
        String line = journal.format(AT, Level.ERROR, "store-writer", "S", "commit failed", null, Optional.of(e));
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\t")
                .startsWith("<3>[store-writer] ERROR S - commit failed | java.io.UncheckedIOException: store gone | at ")
                .contains("| Caused by: java.io.IOException: disk I/O error | ");
        // the console keeps the usual multi-line trace
        assertThat(console.format(AT, Level.ERROR, "t", "S", "commit failed", null, Optional.of(e)))
                .contains("\n\tat ");
    }

    @Test
    void aMessageWithLineBreaksCannotForgeAJournalEntry() {
        assertThat(journal.format(AT, Level.INFO, "t", "S", "a {}", new Object[] {"b\n<3>forged"},
                Optional.empty())).isEqualTo("<6>[t] INFO S - a b | <3>forged");
    }

    @Test
    void aHugeLineIsCutBelowJournaldsLineLimit() {
        String line = journal.format(AT, Level.INFO, "t", "S", "{}", new Object[] {"x".repeat(100_000)},
                Optional.empty());
        assertThat(line.length()).isLessThan(LogLine.JOURNAL_MAX_CHARS + 20);
    }

    @Test
    void durationsReadLikeConfigValues() {
        assertThat(journal.format(AT, Level.INFO, "t", "S", "retry in {}", new Object[] {Duration.ofMillis(1543)},
                Optional.empty())).endsWith("retry in 1.5s");
        assertThat(LogLine.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(LogLine.duration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(LogLine.duration(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(LogLine.duration(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(LogLine.duration(Duration.ofMinutes(65))).isEqualTo("1h5m");
        assertThat(LogLine.duration(Duration.ofHours(51))).isEqualTo("2d3h");
        assertThat(LogLine.duration(Duration.ofMillis(-1500))).isEqualTo("-1.5s");
    }

    private static String line(LogLine f, Level level) {
        return f.format(AT, level, "t", "S", "m", null, Optional.empty());
    }
}
