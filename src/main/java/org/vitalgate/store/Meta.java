package org.vitalgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code meta} key/value table: {@code last_seq} (the highest seq ever assigned once rows are deleted, so seq
 * never restarts or repeats even after every row is purged) and {@code dropped_events}. Stateless; callers hold the store's
 * monitor.
 */
final class Meta {
    static final String LAST_SEQ = "last_seq";
    static final String DROPPED_EVENTS = "dropped_events";

    private Meta() {
    }

    static long get(Connection conn, String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void set(Connection conn, String key, long value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setLong(2, value);
            ps.executeUpdate();
        }
    }

    static void add(Connection conn, String key, long delta) throws SQLException {
        if (delta != 0) {
            set(conn, key, get(conn, key) + delta);
        }
    }

    /**
     * The highest seq ever assigned: the larger of the highest seq in the outbox and {@code meta.last_seq}.
     *
     * <p>Why the batch transaction does not update {@code meta.last_seq}: the highest seq is always either still
     * in the outbox or, once rows are deleted, in meta, because every transaction that deletes outbox rows first
     * records the current last seq ({@link #recordLastSeq}). That keeps one page out of every commit's WAL
     * writes (a single-reading commit touches about seven pages), which matters on SD-card flash.
     */
    static long lastSeq(Connection conn) throws SQLException {
        long meta = get(conn, LAST_SEQ);
        long rows = Sql.queryLong(conn, "SELECT coalesce(max(seq), 0) FROM outbox");
        return Math.max(meta, rows);
    }

    /** Call in every transaction that deletes outbox rows, before deleting. */
    static void recordLastSeq(Connection conn, long lastSeq) throws SQLException {
        if (get(conn, LAST_SEQ) < lastSeq) {
            set(conn, LAST_SEQ, lastSeq);
        }
    }
}
