package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.ReadingDraft;

/**
 * The writer thread completes every job of a batch even when the sink throws: a pending future would leave its
 * reading neither accepted nor refused, and the device's record pointer logic blind. Pure: no SQLite.
 */
class GroupCommitWriterTest {
    private final StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();
    private GroupCommitWriter writer;

    /** Throws on the first {@code failures} batches, then completes each reading as a duplicate. */
    private static final class FlakySink implements GroupCommitWriter.Sink {
        final AtomicInteger failures;
        final boolean failedThrowsToo;
        final List<List<Job>> refused = Collections.synchronizedList(new ArrayList<>());

        FlakySink(int failures, boolean failedThrowsToo) {
            this.failures = new AtomicInteger(failures);
            this.failedThrowsToo = failedThrowsToo;
        }

        @Override
        public void write(List<Job> batch) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("boom (a defect in the store's batch path)");
            }
            for (Job j : batch) {
                if (j instanceof Job.Submit s) {
                    s.future().complete(new Acceptance.Duplicate(s.draft().dedupKey(), 1));
                }
            }
        }

        @Override
        public void failed(List<Job> batch, Throwable cause) {
            refused.add(batch);
            if (failedThrowsToo) {
                throw new OutOfMemoryError("no room to record the refusal either");
            }
        }

        @Override
        public void idle() {
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (writer != null) {
            writer.stopAndJoin();
        }
    }

    private List<CompletableFuture<Acceptance>> submitBatch(int n) throws InterruptedException {
        List<CompletableFuture<Acceptance>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReadingDraft d = drafts.draft("k" + i);
            CompletableFuture<Acceptance> f = new CompletableFuture<>();
            assertThat(writer.offer(new Job.Submit(d, f), Duration.ofSeconds(5))).isTrue();
            futures.add(f);
        }
        return futures;
    }

    @Test
    void aThrowingFlushRefusesEveryJobOfItsBatchAndTellsTheStore() throws Exception {
        FlakySink sink = new FlakySink(1, false);
        // a long window: the three jobs land in one batch
        writer = new GroupCommitWriter(64, Duration.ofMillis(500), 100, sink, GroupCommitWriter.defaultThreads());
        writer.start();
        List<CompletableFuture<Acceptance>> futures = submitBatch(3);

        for (CompletableFuture<Acceptance> f : futures) {
            await().atMost(30, TimeUnit.SECONDS).until(f::isDone);
            assertThat(f).isCompletedExceptionally();
            assertThat(causeOf(f)).isInstanceOf(StoreException.class).hasMessageContaining("boom");
        }
        assertThat(sink.refused).hasSize(1);
        assertThat(sink.refused.get(0)).hasSize(3);

        // the writer lives on: the next batch is written
        CompletableFuture<Acceptance> next = submitBatch(1).get(0);
        assertThat(next.get(30, TimeUnit.SECONDS)).isInstanceOf(Acceptance.Duplicate.class);
    }

    @Test
    void futuresCompleteEvenWhenRecordingTheRefusalFailsToo() throws Exception {
        FlakySink sink = new FlakySink(1, true);
        writer = new GroupCommitWriter(64, Duration.ofMillis(500), 100, sink, GroupCommitWriter.defaultThreads());
        writer.start();
        List<CompletableFuture<Acceptance>> futures = submitBatch(2);

        for (CompletableFuture<Acceptance> f : futures) {
            await().atMost(30, TimeUnit.SECONDS).until(f::isDone);
            assertThat(causeOf(f)).isInstanceOf(StoreException.class);
        }
        assertThat(submitBatch(1).get(0).get(30, TimeUnit.SECONDS)).isInstanceOf(Acceptance.Duplicate.class);
    }

    private static Throwable causeOf(CompletableFuture<Acceptance> f) throws InterruptedException {
        try {
            f.get();
            throw new AssertionError("expected a refusal");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
