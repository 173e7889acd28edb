package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreInspectorIT {
    @TempDir
    Path dir;

    private final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(StoreFixtures.T0);
    private final StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();

    @Test
    void seesWhatTheRunningStoreSeesWithoutWriting() throws Exception {
        StoreSettings settings = StoreFixtures.settings(dir);
        try (SqliteStore store = StoreFixtures.open(settings, clock)) {
            for (int i = 0; i < 5; i++) {
                store.submit(drafts.draft("k" + i)).get();
            }
            store.recordEvent(new Event("E-x", EventType.DEVICE_SEEN, clock.instant(), Map.of()));
            List<OutboxMessage> first = store.pending(Lane.CLINICAL, 0, 2);
            store.confirm(List.of(new Outbox.Confirmation(first.get(0).id(), 1, 2),
                    new Outbox.Confirmation(first.get(1).id(), 1, 2)));
            store.submit(drafts.draft("k-last")).get();          // the event's batch has committed too

            try (StoreInspector inspector = StoreInspector.open(settings.path())) {   // while the agent runs
                OutboxStats seen = inspector.stats();
                OutboxStats truth = store.stats();
                assertThat(seen).isEqualTo(truth);
                assertThat(seen.pendingReadings()).isEqualTo(4);
                assertThat(seen.pendingEvents()).isEqualTo(1);
                assertThat(seen.confirmedReadings()).isEqualTo(2);
                assertThat(seen.lastSeq()).isEqualTo(6);
                assertThat(seen.oldestPendingAt()).hasValue(StoreFixtures.T0.toEpochMilli());
            }
            store.submit(drafts.draft("k-after")).get();         // the store still writes after an inspection
        }

        byte[] before = digest(settings.path());
        try (StoreInspector inspector = StoreInspector.open(settings.path())) {
            assertThat(inspector.stats().lastSeq()).isEqualTo(7);
        }
        assertThat(digest(settings.path())).as("the file is read, never written").isEqualTo(before);
        assertThat(settings.path().resolveSibling("store.db-wal")).as("no files left behind").doesNotExist();
        assertThat(settings.path().resolveSibling("store.db-shm")).doesNotExist();
    }

    @Test
    void lastSeqSurvivesPurgingEverything() throws Exception {
        StoreSettings settings = new StoreSettings(dir.resolve("store.db"), 64L << 20, 0, 0, 0,
                java.time.Duration.ofMillis(2), 1000);
        try (SqliteStore store = StoreFixtures.open(settings, clock)) {
            store.submit(drafts.draft("a")).get();
            store.submit(drafts.draft("b")).get();
            store.confirm(store.pending(Lane.CLINICAL, 0, 10).stream()
                    .map(m -> new Outbox.Confirmation(m.id(), 1, 2)).toList());
            clock.advance(java.time.Duration.ofDays(1));
            store.purge(clock.instant());
        }
        try (StoreInspector inspector = StoreInspector.open(settings.path())) {
            OutboxStats s = inspector.stats();
            assertThat(s.lastSeq()).isEqualTo(2);
            assertThat(s.pendingReadings()).isZero();
            assertThat(s.confirmedReadings()).isZero();
            assertThat(s.oldestPendingAt()).isEmpty();
        }
    }

    @Test
    void refusesWhatIsNotAStore() throws Exception {
        assertThatThrownBy(() -> StoreInspector.open(dir.resolve("missing.db")))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
        assertThat(dir.resolve("missing.db")).as("nothing created").doesNotExist();

        assertThatThrownBy(() -> StoreInspector.open(dir))
                .isInstanceOf(StoreException.class).hasMessageContaining("not a regular file");

        Path garbage = dir.resolve("garbage.db");
        byte[] bytes = new byte[8192];
        new Random(1).nextBytes(bytes);
        Files.write(garbage, bytes);
        assertThatThrownBy(() -> StoreInspector.open(garbage))
                .isInstanceOf(StoreException.class).hasMessageContaining("is not a vitalgate store");
        assertThat(Files.readAllBytes(garbage)).as("never quarantined or touched").isEqualTo(bytes);

        Path foreign = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> StoreInspector.open(foreign))
                .isInstanceOf(StoreException.class).hasMessageContaining("not a vitalgate store");

        Path newer = dir.resolve("newer.db");
        StoreFixtures.open(new StoreSettings(newer, 64L << 20, 0, 90, 400, java.time.Duration.ofMillis(2), 1000),
                clock).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer);
             Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
        }
        assertThatThrownBy(() -> StoreInspector.open(newer))
                .isInstanceOf(StoreException.class).hasMessageContaining("newer than this vitalgate");
    }

    private static byte[] digest(Path p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }
}
