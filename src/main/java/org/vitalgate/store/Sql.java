package org.vitalgate.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Small JDBC helpers for the store: explicit transactions and SQLite result-code classification.
 *
 * <p>The connection stays in JDBC auto-commit mode and transactions are explicit {@code BEGIN IMMEDIATE} /
 * {@code COMMIT}: the driver then never holds a read transaction open between calls, which would pin the WAL
 * and block checkpoints. Stateless; the caller owns the connection (the store's monitor).
 */
final class Sql {
    /** SQLite primary result codes (https://www.sqlite.org/rescode.html). */
    static final int SQLITE_IOERR = 10;
    static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    static final int SQLITE_NOTADB = 26;

    private Sql() {
    }

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one write transaction; rolls back on any failure and rethrows it. */
    static void inTransaction(Connection conn, Work work) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        }
        try {
            work.run();
            try (Statement st = conn.createStatement()) {
                st.execute("COMMIT");
            }
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(conn, e);
            throw e;
        }
    }

    private static void rollbackQuietly(Connection conn, Throwable cause) {
        try (Statement st = conn.createStatement()) {
            // After SQLITE_FULL / IOERR SQLite may already have rolled back: then ROLLBACK itself fails.
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static long queryLong(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    static void execute(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    static int primaryCode(SQLException e) {
        return e.getErrorCode() & 0xFF;
    }

    /** The file is not a database or is damaged: a case for quarantine, not for retrying. */
    static boolean isCorruption(SQLException e) {
        int code = primaryCode(e);
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    }

    /** The disk (or an imposed page limit) is full. */
    static boolean isFull(SQLException e) {
        return primaryCode(e) == SQLITE_FULL;
    }
}
