package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineIT {
    @TempDir
    Path dir;

    private final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(StoreFixtures.T0);
    private final StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();

    /** A closed, healthy store file with enough rows to span many pages. */
    private StoreSettings healthyStore() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir, 64L << 20, Duration.ofMillis(1));
        try (SqliteStore store = SqliteStore.open(s, clock, StoreFixtures.payloads(600), StoreFixtures.events(),
                StoreFixtures.eventIds())) {
            for (int i = 0; i < 300; i++) {
                store.submit(drafts.draft("h" + i));
            }
            store.submit(drafts.draft("last")).get();
        }
        assertThat(Files.exists(dir.resolve("store.db-wal"))).isFalse();
        return s;
    }

    private void assertQuarantinedAndFresh(StoreSettings s, byte[] damaged) throws Exception {
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            assertThat(store.quarantinedTo()).isPresent();
            Path aside = store.quarantinedTo().get();
            assertThat(aside.getParent()).isEqualTo(s.path().getParent());
            assertThat(aside.getFileName().toString()).startsWith("store.db.corrupt-20260301T080000");
            assertThat(Files.readAllBytes(aside)).isEqualTo(damaged);

            List<OutboxMessage> events = store.pending(Lane.DIAGNOSTIC, 0, 10);
            assertThat(events).hasSize(1);
            String event = new String(events.get(0).payload().toByteArray(), StandardCharsets.UTF_8);
            assertThat(event).contains("store-quarantined").contains("quarantinedTo=" + aside).contains("reason=");

            // the fresh store works and starts from seq 1
            Acceptance a = store.submit(drafts.draft("after")).get();
            assertThat(((Acceptance.Accepted) a).reading().seq()).isEqualTo(1);
        }
        // and opens cleanly next time
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            assertThat(store.quarantinedTo()).isEmpty();
            assertThat(store.stats().pendingReadings()).isEqualTo(1);
        }
    }

    @Test
    void randomBytesAreMovedAside() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        byte[] junk = new byte[16 * 1024];
        new Random(42).nextBytes(junk);
        Files.write(s.path(), junk);
        assertQuarantinedAndFresh(s, junk);
    }

    @Test
    void aTruncatedDatabaseIsMovedAside() throws Exception {
        StoreSettings s = healthyStore();
        try (RandomAccessFile f = new RandomAccessFile(s.path().toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertQuarantinedAndFresh(s, Files.readAllBytes(s.path()));
    }

    @Test
    void aValidHeaderOverGarbagePagesIsMovedAside() throws Exception {
        StoreSettings s = healthyStore();
        byte[] bytes = Files.readAllBytes(s.path());
        byte[] garbage = new byte[bytes.length - 4096];
        new Random(7).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, 4096, garbage.length);   // keep page 1 (header + schema)
        Files.write(s.path(), bytes);
        assertQuarantinedAndFresh(s, bytes);
    }

    @Test
    void theWalAndShmFollowTheDatabaseAside() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        byte[] junk = new byte[8192];
        new Random(1).nextBytes(junk);
        Files.write(s.path(), junk);
        Files.write(dir.resolve("store.db-wal"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("store.db-shm"), new byte[] {4, 5, 6});
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            Path aside = store.quarantinedTo().orElseThrow();
            assertThat(Files.readAllBytes(aside.resolveSibling(aside.getFileName() + "-wal")))
                    .containsExactly(1, 2, 3);
            // the -shm is only SQLite's rebuilt index of the WAL: it moves along but its content is not evidence
            assertThat(aside.resolveSibling(aside.getFileName() + "-shm")).exists();
        }
    }

    @Test
    void aCopyTakenAtAPowerCutWithAHotWalOpensWithEveryCommittedReadingAndNoQuarantine() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        Path crashDir = Files.createDirectory(dir.resolve("after-power-cut"));
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            for (int i = 0; i < 20; i++) {
                store.submit(drafts.draft("w" + i)).get();
            }
            // the committed readings are still only in the WAL: copy what a power cut would leave on disk
            assertThat(Files.size(dir.resolve("store.db-wal"))).isPositive();
            Files.copy(s.path(), crashDir.resolve("store.db"));
            Files.copy(dir.resolve("store.db-wal"), crashDir.resolve("store.db-wal"));
        }
        try (SqliteStore recovered = StoreFixtures.open(StoreFixtures.settings(crashDir), clock)) {
            assertThat(recovered.quarantinedTo()).isEmpty();
            assertThat(recovered.stats().pendingReadings()).isEqualTo(20);
            assertThat(recovered.stats().lastSeq()).isEqualTo(20);
            Acceptance a = recovered.submit(drafts.draft("w3")).get();
            assertThat(a).isEqualTo(new Acceptance.Duplicate("w3", 4));
        }
    }
}
