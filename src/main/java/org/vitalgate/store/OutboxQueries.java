package org.vitalgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.vitalgate.reading.Bytes;

/**
 * The store's read and maintenance queries: the uplink's pending/confirm, statistics, local history, purging
 * by age and shedding under pressure. Deletes only ever touch confirmed rows, except
 * {@link #dropPendingEvents}, which touches diagnostics only: an unconfirmed reading is never deleted.
 *
 * <p>Not thread-safe: used under the store's monitor.
 */
final class OutboxQueries {
    private static final int CLINICAL = Lane.CLINICAL.priority();
    private static final int DIAGNOSTIC = Lane.DIAGNOSTIC.priority();

    private final Connection conn;

    OutboxQueries(Connection conn) {
        this.conn = conn;
    }

    List<OutboxMessage> pending(Lane lane, long afterId, int max) throws SQLException {
        List<OutboxMessage> out = new ArrayList<>(Math.min(max, 1024));
        try (PreparedStatement ps = conn.prepareStatement("SELECT id, topic, payload, created_at FROM outbox"
                + " WHERE lane = ? AND confirmed_at IS NULL AND id > ? ORDER BY id LIMIT ?")) {
            ps.setInt(1, lane.priority());
            ps.setLong(2, afterId);
            ps.setInt(3, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxMessage(rs.getLong(1), lane, rs.getString(2), Bytes.of(rs.getBytes(3)),
                            rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** Call inside a transaction. */
    void confirm(List<Outbox.Confirmation> confirmations) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE outbox SET published_at = ?, confirmed_at = ?"
                + " WHERE id = ? AND confirmed_at IS NULL")) {
            for (Outbox.Confirmation c : confirmations) {
                ps.setLong(1, c.publishedAt());
                ps.setLong(2, c.confirmedAt());
                ps.setLong(3, c.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    OutboxStats stats(long lastSeq, long storeBytes) throws SQLException {
        long pendingReadings = count("SELECT count(*) FROM outbox WHERE lane = " + CLINICAL + " AND confirmed_at IS NULL");
        long pendingEvents = count("SELECT count(*) FROM outbox WHERE lane = " + DIAGNOSTIC
                + " AND confirmed_at IS NULL");
        long confirmed = count("SELECT count(*) FROM outbox WHERE confirmed_at IS NOT NULL AND lane = " + CLINICAL);
        OptionalLong oldest = OptionalLong.empty();
        try (PreparedStatement ps = conn.prepareStatement("SELECT created_at FROM outbox WHERE lane = " + CLINICAL
                + " AND confirmed_at IS NULL ORDER BY id LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                oldest = OptionalLong.of(rs.getLong(1));
            }
        }
        return new OutboxStats(pendingReadings, pendingEvents, oldest, confirmed, lastSeq, storeBytes,
                Meta.get(conn, Meta.DROPPED_EVENTS));
    }

    List<StoredReading> recent(int n) throws SQLException {
        List<StoredReading> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT seq, reading_id, device_address, measured_at,"
                + " created_at, confirmed_at FROM outbox WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT ?")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long confirmedAt = rs.getLong(6);
                    Optional<Instant> confirmed = rs.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(confirmedAt));
                    out.add(new StoredReading(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), confirmed));
                }
            }
        }
        return out;
    }

    OptionalLong lastRecordNumber(String address) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT last_record FROM device_cursor WHERE address = ?")) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Moves each device's cursor below its lowest record that was not stored (address → record number). */
    void lowerCursors(Map<String, Long> holes) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE device_cursor SET last_record = ? WHERE address = ? AND last_record >= ?")) {
            for (Map.Entry<String, Long> h : holes.entrySet()) {
                ps.setLong(1, h.getValue() - 1);
                ps.setString(2, h.getKey());
                ps.setLong(3, h.getValue());
                ps.executeUpdate();
            }
        }
    }

    /** Call inside a transaction. Deletes confirmed rows confirmed before {@code historyCutoff}. */
    PurgeResult purge(long historyCutoff, long dedupCutoff) throws SQLException {
        long readings = deleteConfirmedBefore(CLINICAL, historyCutoff);
        long events = deleteConfirmedBefore(DIAGNOSTIC, historyCutoff);
        long keys;
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM dedup_key WHERE created_at < ?")) {
            ps.setLong(1, dedupCutoff);
            keys = ps.executeUpdate();
        }
        return new PurgeResult(readings, events, keys);
    }

    private long deleteConfirmedBefore(int lane, long cutoff) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM outbox WHERE lane = ? AND confirmed_at < ?")) {
            ps.setInt(1, lane);
            ps.setLong(2, cutoff);
            return ps.executeUpdate();
        }
    }

    /** Call inside a transaction. Deletes up to {@code max} confirmed rows (any lane), oldest first. */
    int purgeOldestConfirmed(int max) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                + " WHERE confirmed_at IS NOT NULL ORDER BY confirmed_at, id LIMIT ?)")) {
            ps.setInt(1, max);
            return ps.executeUpdate();
        }
    }

    /** Call inside a transaction. Deletes up to {@code max} unconfirmed events, oldest first, except one row. */
    int dropPendingEvents(int max, long keepId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                + " WHERE lane = ? AND confirmed_at IS NULL AND id <> ? ORDER BY id LIMIT ?)")) {
            ps.setInt(1, DIAGNOSTIC);
            ps.setLong(2, keepId);
            ps.setInt(3, max);
            return ps.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        return Sql.queryLong(conn, sql);
    }
}
