package org.vitalgate.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
    @TempDir
    Path dir;

    @Test
    void journalOnlyWhenJournalStreamNamesStdout() throws Exception {
        Path stdout = Files.createFile(dir.resolve("stdout"));
        String id = Files.getAttribute(stdout, "unix:dev") + ":" + Files.getAttribute(stdout, "unix:ino");
        assertThat(JournalStream.decide(Optional.empty(), Map.of("JOURNAL_STREAM", id), stdout)).isTrue();
        // inherited by a child whose stdout is something else: console lines
        Path other = Files.createFile(dir.resolve("pipe"));
        assertThat(JournalStream.decide(Optional.empty(), Map.of("JOURNAL_STREAM", id), other)).isFalse();
        assertThat(JournalStream.decide(Optional.empty(), Map.of(), stdout)).isFalse();
        assertThat(JournalStream.decide(Optional.empty(), Map.of("JOURNAL_STREAM", "garbage"), stdout)).isFalse();
    }

    @Test
    void thePropertyOverrides() {
        assertThat(JournalStream.decide(Optional.of("journal"), Map.of(), dir)).isTrue();
        assertThat(JournalStream.decide(Optional.of("console"), Map.of("JOURNAL_STREAM", "1:2"), dir)).isFalse();
    }
}
