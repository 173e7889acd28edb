package org.vitalgate.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * A read-only look at a store file, for {@code vitalgate outbox} and for audits, safe while the agent is running:
 * the connection is opened read-only (SQLite's {@code SQLITE_OPEN_READONLY}; immutable when no agent has the
 * store open), takes no write lock, and never checks integrity, quarantines, migrates or checkpoints. Figures come from the same queries the agent uses
 * ({@link OutboxQueries#stats}, {@link Meta#lastSeq}, {@link StoreLimits#measure}), read in one read
 * transaction so they are consistent with each other.
 *
 * <p>Not thread-safe: one owner opens, reads and closes it.
 */
public final class StoreInspector implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 5000;

    private final Path path;
    private final Connection conn;

    private StoreInspector(Path path, Connection conn) {
        this.path = path;
        this.conn = conn;
    }

    /**
     * Opens {@code path} read-only.
     *
     * @throws StoreException if there is no such file, it is not a SQLite database, not a vitalgate store, or
     *                        written by a newer vitalgate (the message says which)
     */
    public static StoreInspector open(Path path) throws StoreException {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new StoreException("no store at " + path + " (file does not exist)");
        }
        if (!Files.isRegularFile(path)) {
            throw new StoreException(path + " is not a regular file");
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Why immutable when there is no WAL: the agent keeps its WAL file while it runs and deletes it at a clean
        // close, so without one no writer is active. A plain read-only connection would then create -wal and
        // -shm files owned by whoever runs this command (often root), which a service running as its own user
        // could not open afterwards. An immutable connection creates nothing and takes no locks.
        boolean idle = !Files.exists(path.resolveSibling(path.getFileName() + "-wal"));
        String url = idle ? "jdbc:sqlite:" + path.toAbsolutePath().toUri() + "?immutable=1"
                : "jdbc:sqlite:" + path.toAbsolutePath();
        Connection conn;
        try {
            conn = readOnly.createConnection(url);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + path + " read-only: " + e.getMessage(), e);
        }
        try {
            checkIsStore(path, conn);
        } catch (StoreException e) {
            StoreFile.closeQuietly(conn);
            throw e;
        } catch (SQLException e) {
            StoreFile.closeQuietly(conn);
            throw new StoreException(Sql.isCorruption(e)
                    ? path + " is not a vitalgate store (not a SQLite database, or damaged): " + e.getMessage()
                    : "cannot read " + path + ": " + e.getMessage(), e);
        }
        return new StoreInspector(path, conn);
    }

    public Path path() {
        return path;
    }

    /** The outbox figures as the agent would report them ({@link SqliteStore#stats()}). */
    public OutboxStats stats() throws StoreException {
        try {
            Sql.execute(conn, "BEGIN");         // deferred: a read transaction, so the figures agree
            try {
                long lastSeq = Meta.lastSeq(conn);
                long bytes = new StoreLimits(StoreSettings.defaults(path), () -> Long.MAX_VALUE).measure(conn)
                        .storeBytes();
                return new OutboxQueries(conn).stats(lastSeq, bytes);
            } finally {
                Sql.execute(conn, "COMMIT");
            }
        } catch (SQLException e) {
            throw new StoreException("reading statistics of " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        StoreFile.closeQuietly(conn);
    }

    private static void checkIsStore(Path path, Connection conn) throws SQLException, StoreException {
        int version = Schema.userVersion(conn);     // reads the header: NOTADB surfaces here
        long tables = Sql.queryLong(conn, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                + " AND name IN ('outbox', 'meta')");
        if (version < 1 || tables != 2) {
            throw new StoreException(path + " is a SQLite database but not a vitalgate store"
                    + " (schema version " + version + ", no outbox/meta tables)");
        }
        if (version > Schema.CURRENT_VERSION) {
            throw new StoreException(path + " has store schema version " + version + ", newer than this vitalgate"
                    + " reads (" + Schema.CURRENT_VERSION + ")");
        }
    }
}
