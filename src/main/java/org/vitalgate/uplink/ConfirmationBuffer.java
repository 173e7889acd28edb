package org.vitalgate.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.store.Outbox;
import org.vitalgate.store.StoreException;

/**
 * Collects PUBACK confirmations and writes them to the outbox in batches (one transaction per batch instead
 * of one per message) on its own thread {@code uplink-confirm}, so the publishing thread never waits for the
 * store's fsync. A store failure is retried every second; nothing is lost, and at worst rows are re-sent after
 * a restart (the backend de-duplicates by id).
 *
 * <p>{@link #add}, {@link #flush} and {@link #awaitWritten} are confined to the uplink thread;
 * {@link #close} is called once, last.
 */
final class ConfirmationBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationBuffer.class);
    private static final long AWAIT_MS = 5_000;

    private final Outbox outbox;
    private final int batchSize;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(NamedThreads.factory("uplink-confirm"));
    private List<Outbox.Confirmation> pending = new ArrayList<>();

    ConfirmationBuffer(Outbox outbox, int batchSize) {
        this.outbox = outbox;
        this.batchSize = batchSize;
    }

    /** Adds one; returns true when the batch is full and should be flushed now. */
    boolean add(Outbox.Confirmation confirmation) {
        pending.add(confirmation);
        return pending.size() >= batchSize;
    }

    /** Hands everything buffered to the writer thread. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Outbox.Confirmation> batch = List.copyOf(pending);
        pending = new ArrayList<>(batchSize);
        try {
            writer.execute(() -> write(batch));
        } catch (RejectedExecutionException closed) {
            LOG.warn("uplink closed before confirming {} rows: they will be sent again", batch.size());
        }
    }

    /** Waits (bounded) until every batch handed over so far is written. */
    void awaitWritten() {
        try {
            writer.submit(() -> { }).get(AWAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("confirmations not yet written: {}", e.toString());
        }
    }

    private void write(List<Outbox.Confirmation> batch) {
        while (true) {
            try {
                outbox.confirm(batch);
                return;
            } catch (StoreException e) {
                LOG.warn("uplink cannot confirm {} rows in the outbox (retrying in 1 s): {}", batch.size(),
                        e.getMessage());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("uplink stopped before confirming {} rows: they will be sent again", batch.size());
                return;
            }
        }
    }

    /** Flushes, then waits (bounded) for the writer to finish. */
    void close(long timeoutMs) throws InterruptedException {
        flush();
        writer.shutdown();
        if (!writer.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
            writer.shutdownNow();
        }
    }
}
