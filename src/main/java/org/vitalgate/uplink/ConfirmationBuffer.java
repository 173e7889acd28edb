package org.vitalgate.uplink;

import java.util.ArrayList;
import java.util.List;
import org.vitalgate.store.Outbox;
import org.vitalgate.store.StoreException;

/**
 * Collects PUBACK confirmations and writes them to the outbox in batches (one transaction per batch instead
 * of one per message). If the store fails, the batch is kept and retried; nothing is lost, and at worst rows
 * are re-sent after a restart (the backend de-duplicates by id).
 *
 * <p>Not thread-safe: confined to the uplink thread.
 */
final class ConfirmationBuffer {
    private final Outbox outbox;
    private final int batchSize;
    private final List<Outbox.Confirmation> pending = new ArrayList<>();

    ConfirmationBuffer(Outbox outbox, int batchSize) {
        this.outbox = outbox;
        this.batchSize = batchSize;
    }

    /** Adds one; returns true when the batch is full and should be flushed now. */
    boolean add(Outbox.Confirmation confirmation) {
        pending.add(confirmation);
        return pending.size() >= batchSize;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** Writes everything buffered; on failure keeps it for the next flush and rethrows. */
    void flush() throws StoreException {
        if (pending.isEmpty()) {
            return;
        }
        List<Outbox.Confirmation> batch = List.copyOf(pending);
        outbox.confirm(batch);
        pending.clear();
    }
}
