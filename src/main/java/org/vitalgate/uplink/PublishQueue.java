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

    /** Reads on the calling thread only. */
    PublishQueue(Outbox outbox, int chunkSize) {
        this(outbox, chunkSize, Runnable::run);
    }

    /**
     * @param reader where the next chunk of a lane is read ahead while the current one is being published
     *               (a backlog drains without the publishing thread waiting for the store)
     */
    PublishQueue(Outbox outbox, int chunkSize, java.util.concurrent.Executor reader) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1: " + chunkSize);
        }
        this.clinical = new LaneCursor(outbox, Lane.CLINICAL, chunkSize, reader);
        this.diagnostic = new LaneCursor(outbox, Lane.DIAGNOSTIC, chunkSize, reader);
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
        private final java.util.concurrent.Executor reader;
        private final ArrayDeque<OutboxMessage> cache = new ArrayDeque<>();
        private long cursor;
        private boolean maybeMore = true;
        /** The chunk after {@code cursor}, being read ahead; null when none is under way. */
        private java.util.concurrent.CompletableFuture<List<OutboxMessage>> ahead;

        LaneCursor(Outbox outbox, Lane lane, int chunkSize, java.util.concurrent.Executor reader) {
            this.outbox = outbox;
            this.lane = lane;
            this.chunkSize = chunkSize;
            this.reader = reader;
        }

        OutboxMessage peek() throws StoreException {
            if (cache.isEmpty() && (ahead != null || maybeMore)) {
                // take the read-ahead out first: if it failed, the next peek asks the store again
                java.util.concurrent.CompletableFuture<List<OutboxMessage>> pendingRead = ahead;
                ahead = null;
                List<OutboxMessage> rows = pendingRead != null ? await(pendingRead)
                        : outbox.pending(lane, cursor, chunkSize);
                append(rows);
                maybeMore = rows.size() >= chunkSize;
            }
            if (maybeMore && ahead == null && cache.size() <= chunkSize) {
                long after = cursor;
                ahead = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(after), reader);
            }
            return cache.peekFirst();
        }

        private void append(List<OutboxMessage> rows) throws StoreException {
            for (OutboxMessage row : rows) {
                if (row.id() <= cursor || row.lane() != lane) {
                    throw new StoreException("outbox returned row " + row.id() + " (" + row.lane()
                            + ") for " + lane + " after " + cursor + ": not ascending");
                }
                cache.addLast(row);
                cursor = row.id();
            }
        }

        private List<OutboxMessage> read(long after) {
            try {
                return outbox.pending(lane, after, chunkSize);
            } catch (StoreException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }

        private static List<OutboxMessage> await(java.util.concurrent.CompletableFuture<List<OutboxMessage>> f)
                throws StoreException {
            try {
                return f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof StoreException se) {
                    throw se;
                }
                throw e;
            }
        }

        OutboxMessage poll() {
            return cache.pollFirst();
        }
    }
}
