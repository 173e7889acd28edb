package org.vitalgate.store;

import java.util.List;

/**
 * What the uplink knows of the store: unconfirmed messages, in order, and confirmation on PUBACK.
 * Implementations are thread-safe.
 *
 * <p>Why no "published" state: a row is either confirmed (the broker acknowledged it) or pending. After a
 * restart or a new MQTT session every pending row is sent again in order, from the oldest; a row that was
 * published but not yet acknowledged when the connection dropped is therefore re-sent. Losing a vital sign
 * is worse than sending it twice, and every payload carries a stable id the backend de-duplicates on.
 */
public interface Outbox {

    /** Unconfirmed rows of {@code lane} with {@code id > afterId}, ascending by id, at most {@code max}. */
    List<OutboxMessage> pending(Lane lane, long afterId, int max) throws StoreException;

    /**
     * Marks rows confirmed (PUBACK received). {@code publishedAt} and {@code confirmedAt} are epoch ms of
     * the successful publish and of its acknowledgement. Unknown or already confirmed ids are ignored.
     */
    void confirm(List<Confirmation> confirmations) throws StoreException;

    /** Counts and ages for status, health and the CLI. */
    OutboxStats stats() throws StoreException;

    /** One acknowledged row. */
    record Confirmation(long id, long publishedAt, long confirmedAt) {
    }
}
