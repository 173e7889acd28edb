package org.vitalgate.uplink;

import java.util.ArrayDeque;
import java.util.List;
import org.vitalgate.store.Lane;
import org.vitalgate.store.Outbox;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.StoreException;

/**
 * What one MQTT session still has to send: per lane a cursor (the last id handed out, starting at 0, so a new
 * session re-sends every unconfirmed row in order) and a cached chunk of pending rows, fetched
 * {@code chunkSize} at a time rather than one query per message. Clinical rows go before diagnostic ones.
 *
 * <p>A lane is queried again only after its cache ran dry and either the last query returned a full chunk or
 * {@link #markMaybeMore()} was called (new rows committed, or the periodic poll).
 *
 * <p>Not thread-safe: confined to the uplink thread; thrown away when the session ends.
 */
final class PublishQueue {
    private final LaneCursor clinical;
    private final LaneCursor diagnostic;

    PublishQueue(Outbox outbox, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1: " + chunkSize);
        }
        this.clinical = new LaneCursor(outbox, Lane.CLINICAL, chunkSize);
        this.diagnostic = new LaneCursor(outbox, Lane.DIAGNOSTIC, chunkSize);
    }

    /** The next row to publish, or null if there is none now. */
    OutboxMessage peek() throws StoreException {
        OutboxMessage next = clinical.peek();
        return next != null ? next : diagnostic.peek();
    }

    /** Removes and returns the row {@link #peek()} returned. */
    OutboxMessage poll() throws StoreException {
        OutboxMessage next = clinical.peek();
        return next != null ? clinical.poll() : diagnostic.poll();
    }

    /** New rows may have been committed: query lanes again once their caches run dry. */
    void markMaybeMore() {
        clinical.maybeMore = true;
        diagnostic.maybeMore = true;
    }

    private static final class LaneCursor {
        private final Outbox outbox;
        private final Lane lane;
        private final int chunkSize;
        private final ArrayDeque<OutboxMessage> cache = new ArrayDeque<>();
        private long cursor;
        private boolean maybeMore = true;

        LaneCursor(Outbox outbox, Lane lane, int chunkSize) {
            this.outbox = outbox;
            this.lane = lane;
            this.chunkSize = chunkSize;
        }

        OutboxMessage peek() throws StoreException {
            if (cache.isEmpty() && maybeMore) {
                List<OutboxMessage> rows = outbox.pending(lane, cursor, chunkSize);
                for (OutboxMessage row : rows) {
                    if (row.id() <= cursor || row.lane() != lane) {
                        throw new StoreException("outbox returned row " + row.id() + " (" + row.lane()
                                + ") for " + lane + " after " + cursor + ": not ascending");
                    }
                    cache.addLast(row);
                    cursor = row.id();
                }
                maybeMore = rows.size() >= chunkSize;
            }
            return cache.peekFirst();
        }

        OutboxMessage poll() {
            return cache.pollFirst();
        }
    }
}
