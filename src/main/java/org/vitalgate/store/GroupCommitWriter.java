package org.vitalgate.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code store-writer} thread: drains a bounded queue of {@link Job}s and hands them to the store in
 * group-commit batches. It takes one job, then gathers more until the group-commit window has elapsed or the
 * batch is full, and gives the batch to {@link Sink#write}, which commits it in one transaction. When idle it
 * calls {@link Sink#idle} once per tick so a full store can notice it has room again.
 *
 * <p>Thread-safe: {@link #offer} and {@link #offerEvent} are called from any thread; everything else runs on
 * the writer thread.
 */
final class GroupCommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long IDLE_TICK_MS = 1000;

    /** Receives batches; implemented by the store. */
    interface Sink {
        /** Commits the batch (readings and events, in queue order) and completes its futures. Never throws. */
        void write(List<Job> batch);

        /**
         * Called instead of completing {@link #write} when it threw (a defect or an {@link Error}): the store
         * records what it must so that no device record pointer moves past a reading of the batch (see
         * {@code SqliteStore#refuse}). The writer completes every future of the batch exceptionally afterwards,
         * whatever this does.
         */
        void failed(List<Job> batch, Throwable cause);

        /** Called when no job arrived for a tick. Never throws. */
        void idle();
    }

    private final BlockingQueue<Job> queue;
    private final int eventReserve;
    private final long windowNanos;
    private final int maxBatch;
    private final Sink sink;
    private final Thread thread;
    private volatile long heartbeat = System.nanoTime();   // the writer loop's last turn (systemd watchdog)

    GroupCommitWriter(int capacity, Duration window, int maxBatch, Sink sink, ThreadFactory threads) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        // events never take the last quarter of the queue: readings keep room under an event storm
        this.eventReserve = Math.max(1, capacity / 4);
        this.windowNanos = window.toNanos();
        this.maxBatch = maxBatch;
        this.sink = sink;
        this.thread = threads.newThread(this::run);
    }

    /** A thread factory for daemon threads named {@code store-writer}. */
    static ThreadFactory defaultThreads() {
        return r -> {
            Thread t = new Thread(r, "store-writer");
            t.setDaemon(true);
            return t;
        };
    }

    void start() {
        thread.start();
    }

    /** Queues a job, waiting up to {@code timeout} for room; false if there was none. */
    boolean offer(Job job, Duration timeout) throws InterruptedException {
        return queue.offer(job, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Queues an event without waiting, keeping a reserve for readings; false if dropped. */
    boolean offerEvent(Job.RecordEvent job) {
        return queue.remainingCapacity() > eventReserve && queue.offer(job);
    }

    /** Removes a job not yet taken by the writer; true if it was still queued. */
    boolean withdraw(Job job) {
        return queue.remove(job);
    }

    /** Queues the stop sentinel behind everything already queued and waits for the thread to end. */
    void stopAndJoin() throws InterruptedException {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the store cannot be closed from its own writer thread"
                    + " (a callback of a submit future)");
        }
        queue.put(Job.Stop.INSTANCE);
        thread.join();
    }

    /** Jobs left after the thread ended (submitted concurrently with close). */
    List<Job> leftovers() {
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        left.removeIf(j -> j == Job.Stop.INSTANCE);
        return left;
    }

    /** {@link System#nanoTime()} of the writer loop's last turn (it turns at least every idle tick). */
    long heartbeatNanos() {
        return heartbeat;
    }

    private void run() {
        List<Job> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            heartbeat = System.nanoTime();
            try {
                Job first = queue.poll(IDLE_TICK_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    sink.idle();
                    continue;
                }
                stopping = first == Job.Stop.INSTANCE;
                if (!stopping) {
                    batch.add(first);
                    stopping = gather(batch);
                }
                if (stopping) {
                    // commit everything queued before the sentinel
                    List<Job> rest = new ArrayList<>();
                    queue.drainTo(rest);
                    for (Job j : rest) {
                        if (j != Job.Stop.INSTANCE) {
                            batch.add(j);
                        }
                        if (batch.size() >= maxBatch) {
                            flush(batch);
                        }
                    }
                }
                flush(batch);
            } catch (InterruptedException e) {
                LOG.warn("store writer interrupted; {} queued jobs left", queue.size());
                Thread.currentThread().interrupt();
                // nothing of the batch is committed: refuse it, so that its readings are neither lost silently
                // nor left pending (the store completes the queued ones at close)
                fail(batch, new StoreException("store writer interrupted; reading not stored", e));
                return;
            }
        }
    }

    /** Adds jobs until the window elapses or the batch is full; true if the stop sentinel was taken. */
    private boolean gather(List<Job> batch) throws InterruptedException {
        long deadline = System.nanoTime() + windowNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return false;
            }
            if (next == Job.Stop.INSTANCE) {
                return true;
            }
            batch.add(next);
        }
        return false;
    }

    /**
     * Hands the batch to the sink. If that throws, every job of the batch is still completed, exceptionally:
     * a future left pending would leave its reading neither accepted nor refused, and the device's record pointer
     * logic could not know that it was not stored.
     */
    private void flush(List<Job> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Job> jobs = List.copyOf(batch);
        batch.clear();
        try {
            sink.write(jobs);
        } catch (RuntimeException | Error e) {
            LOG.error("store writer failed on a batch of {} jobs; its readings are refused", jobs.size(), e);
            fail(jobs, new StoreException("store batch failed: " + e, e));
        }
    }

    private void fail(List<Job> jobs, StoreException error) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            sink.failed(List.copyOf(jobs), error);
        } catch (RuntimeException | Error e) {
            error.addSuppressed(e);
            LOG.error("store could not record the refusal of {} jobs", jobs.size(), e);
        }
        for (Job j : jobs) {
            if (j instanceof Job.Submit s) {
                s.future().completeExceptionally(error);   // no-op for a future the sink already completed
            }
        }
    }
}
