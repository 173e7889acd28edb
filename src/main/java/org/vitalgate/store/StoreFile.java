package org.vitalgate.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens the store's single JDBC connection: pragmas (WAL, {@code synchronous=FULL}, busy timeout), the
 * integrity check, quarantine of a damaged file and schema migration.
 *
 * <pre>
 *   quick_check (read-only) ── ok ──► connect (WAL, FULL) ──────────────► migrate ──► ready
 *      │ fails / NOTADB / CORRUPT         │ NOTADB / CORRUPT               ▲
 *      ▼                                  ▼                                │
 *   rename file (+ -wal, -shm) aside ◄────┘ ──────► connect a fresh file ──┘
 * </pre>
 *
 * Any other failure (permissions, I/O, a schema newer than this code) is a {@link StoreException} and the file
 * is left alone. Stateless; used once at open.
 */
final class StoreFile {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);
    private static final int BUSY_TIMEOUT_MS = 5000;

    /** An open, migrated connection, and where a damaged predecessor went. */
    record Opened(Connection connection, Optional<Path> quarantinedTo, Optional<String> quarantineReason) {
    }

    private StoreFile() {
    }

    static Opened open(StoreSettings settings, Clock clock) throws StoreException {
        Path path = settings.path();
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store's directory for " + path + ": " + e, e);
        }
        Optional<String> problem = Files.exists(path) ? check(path) : Optional.empty();
        Connection conn = null;
        if (problem.isEmpty()) {
            try {
                conn = connect(settings);
            } catch (SQLException e) {
                if (!Sql.isCorruption(e)) {
                    throw new StoreException("cannot open store " + path + ": " + e.getMessage(), e);
                }
                problem = Optional.of(e.getMessage());
            }
        }
        Optional<Path> movedTo = Optional.empty();
        if (problem.isPresent()) {
            movedTo = Optional.of(Quarantine.moveAside(path, clock.instant()));
            LOG.error("store {} is damaged ({}); moved aside to {} and starting a fresh store",
                    path, problem.get(), movedTo.get());
            try {
                conn = connect(settings);
            } catch (SQLException e) {
                throw new StoreException("cannot open a fresh store at " + path + ": " + e.getMessage(), e);
            }
        }
        try {
            Schema.migrate(conn, path);
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new StoreException("cannot migrate store " + path + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(conn);
            throw e;
        }
        return new Opened(conn, movedTo, problem);
    }

    /**
     * Runs the integrity check on a read-only connection: a read-write connection would, on close, checkpoint or
     * delete the WAL of a damaged database, and nothing of a damaged store may be lost before it is moved aside.
     */
    private static Optional<String> check(Path path) throws StoreException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(BUSY_TIMEOUT_MS);
        try (Connection conn = readOnly.createConnection("jdbc:sqlite:" + path.toAbsolutePath())) {
            return Quarantine.check(conn);
        } catch (SQLException e) {
            if (Sql.isCorruption(e)) {
                return Optional.of(e.getMessage());
            }
            throw new StoreException("cannot open store " + path + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(StoreSettings settings) throws SQLException {
        Connection conn = DriverManager.getConnection("jdbc:sqlite:" + settings.path().toAbsolutePath());
        try {
            Sql.execute(conn, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            String mode = "";
            try (var st = conn.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                mode = rs.next() ? rs.getString(1) : "";
            }
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException("cannot switch " + settings.path() + " to WAL (journal_mode=" + mode + ")");
            }
            // Power cuts are normal in homes: a committed reading must survive one.
            Sql.execute(conn, "PRAGMA synchronous = FULL");
            // Keep the WAL file from staying large after a checkpoint: it counts against maxBytes.
            long walLimit = Math.max(64 * 1024, Math.min(settings.maxBytes() / 8, 4L << 20));
            Sql.execute(conn, "PRAGMA journal_size_limit = " + walLimit);
            // Checkpoint sooner in a small store (the default is 1000 pages, 4 MiB).
            long autoCheckpointPages = Math.max(16, Math.min(1000, settings.maxBytes() / 4096 / 16));
            Sql.execute(conn, "PRAGMA wal_autocheckpoint = " + autoCheckpointPages);
            return conn;
        } catch (SQLException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    static void closeQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException e) {
                LOG.debug("closing store connection: {}", e.toString());
            }
        }
    }
}
