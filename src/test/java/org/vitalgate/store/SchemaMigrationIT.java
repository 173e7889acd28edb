package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationIT {
    @TempDir
    Path dir;

    private final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(StoreFixtures.T0);

    private long userVersion(Path db) throws Exception {
        try (Connection c = StoreFixtures.independentConnection(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getLong(1);
        }
    }

    @Test
    void aFreshStoreIsCreatedAtTheCurrentVersionInWalMode() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            assertThat(store.quarantinedTo()).isEmpty();
        }
        assertThat(Schema.CURRENT_VERSION).isGreaterThanOrEqualTo(1);
        assertThat(userVersion(s.path())).isEqualTo(Schema.CURRENT_VERSION);
        try (Connection c = StoreFixtures.independentConnection(s.path()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
                List<String> tables = new java.util.ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
                assertThat(tables).contains("outbox", "dedup_key", "meta", "device_cursor");
            }
        }
    }

    @Test
    void reopeningIsIdempotentAndKeepsData() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            store.submit(drafts.draft("k")).get();
        }
        for (int i = 0; i < 2; i++) {
            try (SqliteStore store = StoreFixtures.open(s, clock)) {
                assertThat(store.stats().pendingReadings()).isEqualTo(1);
                assertThat(store.stats().lastSeq()).isEqualTo(1);
            }
            assertThat(userVersion(s.path())).isEqualTo(Schema.CURRENT_VERSION);
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        StoreFixtures.open(s, clock).close();
        try (Connection c = StoreFixtures.independentConnection(s.path()); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
        }
        byte[] before = Files.readAllBytes(s.path());
        assertThatThrownBy(() -> StoreFixtures.open(s, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version " + (Schema.CURRENT_VERSION + 1))
                .hasMessageContaining("newer");
        assertThat(Files.readAllBytes(s.path())).isEqualTo(before);
        assertThat(siblings()).noneMatch(n -> n.contains("corrupt"));
    }

    @Test
    void aPathThatCannotBeOpenedIsAnErrorNotAQuarantine() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("store.db"));
        StoreSettings s = StoreFixtures.settings(dir);
        assertThat(s.path()).isEqualTo(notAFile);
        assertThatThrownBy(() -> StoreFixtures.open(s, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open store");
        assertThat(Files.isDirectory(notAFile)).isTrue();
        assertThat(siblings()).noneMatch(n -> n.contains("corrupt"));
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
