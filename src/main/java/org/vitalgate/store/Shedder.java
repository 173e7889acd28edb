package org.vitalgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's admission check and load shedding, run before every batch. Over the byte limit it sheds, in
 * this order, until the store fits: a truncating WAL checkpoint, confirmed history (oldest first: already
 * delivered), pending diagnostics (oldest first, counted as dropped). What remains is a refusal for readings.
 * Unconfirmed readings are never touched.
 *
 * <p>Why only for the byte limit: deleting rows frees pages inside the file but gives no space back to the
 * file system, so shedding history or diagnostics cannot lift the free-disk watermark; under that watermark
 * readings are refused and history is kept.
 *
 * <p>Not thread-safe: used under the store's monitor.
 */
final class Shedder {
    private static final Logger LOG = LoggerFactory.getLogger(Shedder.class);
    private static final int CHUNK = 2000;

    private final Connection conn;
    private final StoreLimits limits;
    private final OutboxQueries queries;
    private final long maxBytes;

    Shedder(Connection conn, StoreLimits limits, OutboxQueries queries, long maxBytes) {
        this.conn = conn;
        this.limits = limits;
        this.queries = queries;
        this.maxBytes = maxBytes;
    }

    /**
     * Returns the bound still violated after shedding (a message naming the limit and the values), or empty if
     * the store has room.
     *
     * @param lastSeq   recorded in meta before confirmed rows are deleted (see {@link Meta#lastSeq})
     * @param keepEvent the row id of the current {@code store-full} event, spared when dropping diagnostics
     */
    Optional<String> admit(long lastSeq, long keepEvent) throws SQLException {
        StoreLimits.Usage usage = limits.measure(conn);
        Optional<String> violation = limits.violation(usage);
        if (violation.isEmpty() || usage.storeBytes() < maxBytes) {
            return violation;
        }
        if (limits.walBytes() > 0) {
            violation = checkpointAndMeasure();
        }
        while (violation.isPresent()) {
            int[] n = new int[1];
            Sql.inTransaction(conn, () -> {
                Meta.recordLastSeq(conn, lastSeq);
                n[0] = queries.purgeOldestConfirmed(CHUNK);
            });
            if (n[0] == 0) {
                break;
            }
            LOG.warn("store over its limit: purged {} confirmed rows early", n[0]);
            violation = checkpointAndMeasure();
        }
        while (violation.isPresent()) {
            int[] n = new int[1];
            Sql.inTransaction(conn, () -> {
                n[0] = queries.dropPendingEvents(CHUNK, keepEvent);
                Meta.add(conn, Meta.DROPPED_EVENTS, n[0]);
            });
            if (n[0] == 0) {
                break;
            }
            LOG.warn("store over its limit: dropped {} unsent diagnostic events", n[0]);
            violation = checkpointAndMeasure();
        }
        return violation;
    }

    private Optional<String> checkpointAndMeasure() throws SQLException {
        Sql.execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)");
        return limits.violation(limits.measure(conn));
    }
}
