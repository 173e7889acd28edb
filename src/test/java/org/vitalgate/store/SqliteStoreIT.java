package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.store.StoreFixtures.T0;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.reading.ReadingDraft;

class SqliteStoreIT {
    @TempDir
    Path dir;

    private final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(T0);
    private final StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();
    private final List<SqliteStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(SqliteStore::close);
    }

    private SqliteStore open(StoreSettings s) throws StoreException {
        SqliteStore store = StoreFixtures.open(s, clock);
        opened.add(store);
        return store;
    }

    private static Acceptance get(CompletableFuture<Acceptance> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static long seqOf(Acceptance a) {
        assertThat(a).isInstanceOf(Acceptance.Accepted.class);
        return ((Acceptance.Accepted) a).reading().seq();
    }

    @Test
    void acceptedReadingsGetSeqFromOneAndLandInTheClinicalLane() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        List<ReadingDraft> ds = List.of(drafts.draft("k1"), drafts.draft("k2"), drafts.draft("k3"));
        List<Long> seqs = new ArrayList<>();
        for (ReadingDraft d : ds) {
            Acceptance a = get(store.submit(d));
            seqs.add(seqOf(a));
            assertThat(((Acceptance.Accepted) a).reading().content()).isEqualTo(d);
        }
        assertThat(seqs).containsExactly(1L, 2L, 3L);

        List<OutboxMessage> pending = store.pending(Lane.CLINICAL, 0, 10);
        assertThat(pending).hasSize(3);
        assertThat(pending).extracting(OutboxMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(pending).allSatisfy(m -> {
            assertThat(m.topicSuffix()).isEqualTo("readings");
            assertThat(m.lane()).isEqualTo(Lane.CLINICAL);
            assertThat(m.createdAt()).isEqualTo(T0.toEpochMilli());
        });
        for (int i = 0; i < 3; i++) {
            byte[] expected = StoreFixtures.payloads().encode(ds.get(i).committed(i + 1));
            assertThat(pending.get(i).payload().toByteArray()).isEqualTo(expected);
        }
        assertThat(store.pending(Lane.DIAGNOSTIC, 0, 10)).isEmpty();
    }

    @Test
    void aDuplicateKeyIsReportedWithTheExistingSeqAndWritesNothing() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        assertThat(seqOf(get(store.submit(drafts.draft("same"))))).isEqualTo(1);
        Acceptance again = get(store.submit(drafts.draft("same")));
        assertThat(again).isEqualTo(new Acceptance.Duplicate("same", 1));
        assertThat(store.pending(Lane.CLINICAL, 0, 10)).hasSize(1);
        assertThat(seqOf(get(store.submit(drafts.draft("other"))))).isEqualTo(2);
        assertThat(store.stats().lastSeq()).isEqualTo(2);
    }

    @Test
    void duplicatesInsideOneBatchAreCaughtAndConsumeNoSeq() throws Exception {
        // a long window puts back-to-back submissions into one transaction; a clock that ticks on every
        // reading shows it: rows of one batch share the batch's created_at
        StoreFixtures.MutableClock ticking = new StoreFixtures.MutableClock(T0) {
            @Override
            public Instant instant() {
                Instant now = super.instant();
                advance(Duration.ofMillis(1));
                return now;
            }
        };
        SqliteStore store = StoreFixtures.open(StoreFixtures.settings(dir, 64L << 20, Duration.ofMillis(300)), ticking);
        opened.add(store);
        CompletableFuture<Acceptance> a = store.submit(drafts.draft("dup"));
        CompletableFuture<Acceptance> b = store.submit(drafts.draft("dup"));
        CompletableFuture<Acceptance> c = store.submit(drafts.draft("fresh"));
        CompletableFuture<Acceptance> d = store.submit(drafts.draft("fresh"));
        assertThat(seqOf(get(a))).isEqualTo(1);
        assertThat(get(b)).isEqualTo(new Acceptance.Duplicate("dup", 1));
        assertThat(seqOf(get(c))).isEqualTo(2);
        assertThat(get(d)).isEqualTo(new Acceptance.Duplicate("fresh", 2));
        assertThat(store.pending(Lane.CLINICAL, 0, 10)).hasSize(2);
        List<StoredReading> rows = store.recent(10);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).createdAt()).isEqualTo(rows.get(1).createdAt());
    }

    @Test
    void theFutureCompletesOnlyOnceTheRowIsOnDiskForAnotherConnection() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        ReadingDraft d = drafts.draft("durable");
        AtomicReference<Object> seenByOtherConnection = new AtomicReference<>();
        CompletableFuture<Acceptance> f = store.submit(d).whenComplete((ok, err) -> {
            // runs on the writer thread the moment the future completes
            try (Connection other = StoreFixtures.independentConnection(dir.resolve("store.db"));
                 PreparedStatement ps = other.prepareStatement("SELECT seq FROM outbox WHERE reading_id = ?")) {
                ps.setString(1, d.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    seenByOtherConnection.set(rs.next() ? rs.getLong(1) : "absent");
                }
            } catch (Exception e) {
                seenByOtherConnection.set(e);
            }
        });
        assertThat(seqOf(get(f))).isEqualTo(1);
        assertThat(seenByOtherConnection.get()).isEqualTo(1L);
    }

    @Test
    void aDraftThatCannotBeEncodedFailsAloneAndConsumesNoSeq() throws Exception {
        PayloadEncoder picky = r -> {
            if (r.content().dedupKey().equals("bad")) {
                throw new IllegalStateException("cannot render");
            }
            return StoreFixtures.payloads().encode(r);
        };
        SqliteStore store = SqliteStore.open(StoreFixtures.settings(dir, 64L << 20, Duration.ofMillis(200)), clock,
                picky, StoreFixtures.events(), StoreFixtures.eventIds());
        opened.add(store);
        CompletableFuture<Acceptance> a = store.submit(drafts.draft("a"));
        CompletableFuture<Acceptance> bad = store.submit(drafts.draft("bad"));
        CompletableFuture<Acceptance> b = store.submit(drafts.draft("b"));
        assertThat(seqOf(get(a))).isEqualTo(1);
        assertThatThrownBy(() -> get(bad)).hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("cannot encode");
        assertThat(seqOf(get(b))).isEqualTo(2);
        assertThat(store.pending(Lane.CLINICAL, 0, 10)).hasSize(2);
    }

    @Test
    void pendingIsPerLaneAscendingAndConfirmRemovesRows() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        for (int i = 0; i < 5; i++) {
            get(store.submit(drafts.draft("r" + i)));
        }
        store.recordEvent(new Event("E-a", EventType.DEVICE_PAIRED, T0, Map.of("model", "BP200")));
        store.recordEvent(new Event("E-b", EventType.DEVICE_SEEN, T0, Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.pending(Lane.DIAGNOSTIC, 0, 10).size() == 2);

        List<OutboxMessage> clinical = store.pending(Lane.CLINICAL, 0, 100);
        assertThat(clinical).hasSize(5).extracting(OutboxMessage::id).isSorted();
        assertThat(store.pending(Lane.CLINICAL, clinical.get(1).id(), 2)).extracting(OutboxMessage::id)
                .containsExactly(clinical.get(2).id(), clinical.get(3).id());
        List<OutboxMessage> events = store.pending(Lane.DIAGNOSTIC, 0, 10);
        assertThat(events).extracting(OutboxMessage::topicSuffix).containsOnly("events");
        assertThat(new String(events.get(0).payload().toByteArray(), StandardCharsets.UTF_8)).contains("E-a");

        long t = T0.toEpochMilli();
        store.confirm(List.of(new Outbox.Confirmation(clinical.get(0).id(), t + 10, t + 20),
                new Outbox.Confirmation(clinical.get(1).id(), t + 10, t + 21),
                new Outbox.Confirmation(999_999, t, t)));
        // confirming again does not overwrite the first acknowledgement
        store.confirm(List.of(new Outbox.Confirmation(clinical.get(0).id(), t + 500, t + 600)));
        assertThat(store.pending(Lane.CLINICAL, 0, 100)).extracting(OutboxMessage::id)
                .containsExactly(clinical.get(2).id(), clinical.get(3).id(), clinical.get(4).id());
        assertThat(store.pending(Lane.DIAGNOSTIC, 0, 10)).hasSize(2);
        try (Connection other = StoreFixtures.independentConnection(dir.resolve("store.db"));
             ResultSet rs = other.createStatement().executeQuery(
                     "SELECT published_at, confirmed_at FROM outbox WHERE id = " + clinical.get(0).id())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(t + 10);
            assertThat(rs.getLong(2)).isEqualTo(t + 20);
        }
        assertThat(store.recent(10)).extracting(StoredReading::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(store.recent(10).get(4).confirmedAt()).contains(Instant.ofEpochMilli(t + 20));
        assertThat(store.recent(10).get(0).confirmedAt()).isEmpty();
        assertThat(store.recent(2)).hasSize(2);
    }

    @Test
    void statsCountPendingConfirmedAndAges() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        OutboxStats empty = store.stats();
        assertThat(empty.pendingReadings()).isZero();
        assertThat(empty.oldestPendingAt()).isEmpty();
        assertThat(empty.lastSeq()).isZero();

        get(store.submit(drafts.draft("a")));
        clock.advance(Duration.ofMinutes(1));
        get(store.submit(drafts.draft("b")));
        get(store.submit(drafts.draft("c")));
        store.recordEvent(new Event("E-1", EventType.DECODE_FAILED, T0, Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.stats().pendingEvents() == 1);
        long firstId = store.pending(Lane.CLINICAL, 0, 1).get(0).id();
        store.confirm(List.of(new Outbox.Confirmation(firstId, 1, 2)));

        OutboxStats s = store.stats();
        assertThat(s.pendingReadings()).isEqualTo(2);
        assertThat(s.pendingEvents()).isEqualTo(1);
        assertThat(s.confirmedReadings()).isEqualTo(1);
        assertThat(s.oldestPendingAt()).hasValue(T0.plus(Duration.ofMinutes(1)).toEpochMilli());
        assertThat(s.lastSeq()).isEqualTo(3);
        assertThat(s.storeBytes()).isPositive();
        assertThat(s.droppedEvents()).isZero();
    }

    @Test
    void theDeviceCursorFollowsCommittedRecordNumbers() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        String meter = "00:11:22:33:44:55";
        assertThat(store.lastRecordNumber(meter)).isEmpty();
        get(store.submit(drafts.draft("g17", meter, OptionalLong.of(17))));
        assertThat(store.lastRecordNumber(meter)).hasValue(17);
        get(store.submit(drafts.draft("g18", meter, OptionalLong.of(18))));
        assertThat(store.lastRecordNumber(meter)).hasValue(18);
        // readings without a record number leave it alone
        get(store.submit(drafts.draft("plain", meter, OptionalLong.empty())));
        assertThat(store.lastRecordNumber(meter)).hasValue(18);
        assertThat(store.lastRecordNumber("other")).isEmpty();
    }

    @Test
    void concurrentSubmittersAllGetUniqueGapFreeSeqs() throws Exception {
        SqliteStore store = open(StoreFixtures.settings(dir));
        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<CompletableFuture<Acceptance>> fs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        fs.add(store.submit(drafts.draft("t" + thread + "-" + i)));
                        if (i % 10 == 0) {
                            fs.get(fs.size() - 1).get();
                        }
                    }
                    List<Long> seqs = new ArrayList<>();
                    for (CompletableFuture<Acceptance> f : fs) {
                        seqs.add(seqOf(f.get()));
                    }
                    return seqs;
                }));
            }
            Set<Long> all = new TreeSet<>();
            for (Future<List<Long>> r : results) {
                List<Long> seqs = r.get(30, TimeUnit.SECONDS);
                assertThat(seqs).isSorted();
                all.addAll(seqs);
            }
            assertThat(all).hasSize(threads * perThread);
            assertThat(all).first().isEqualTo(1L);
            assertThat(all).last().isEqualTo((long) threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.stats().pendingReadings()).isEqualTo(threads * perThread);
    }

    @Test
    void closeCommitsEverythingQueuedAndThenRefuses() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir, 64L << 20, Duration.ofMillis(200));
        SqliteStore store = StoreFixtures.open(s, clock);
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
            assertThat(t.getName()).isEqualTo("store-writer");
            assertThat(t.isDaemon()).isTrue();
        });
        List<CompletableFuture<Acceptance>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fs.add(store.submit(drafts.draft("q" + i)));
        }
        store.close();
        for (CompletableFuture<Acceptance> f : fs) {
            assertThat(f).isDone();
            seqOf(f.get());
        }
        CompletableFuture<Acceptance> late = store.submit(drafts.draft("late"));
        assertThatThrownBy(late::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(store::stats).isInstanceOf(StoreException.class);
        store.close();

        SqliteStore again = open(s);
        assertThat(again.stats().pendingReadings()).isEqualTo(50);
        assertThat(seqOf(get(again.submit(drafts.draft("after-reopen"))))).isEqualTo(51);
    }

    @Test
    void seqNeverRestartsAfterEverythingIsPurgedAndReopened() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        SqliteStore store = StoreFixtures.open(s, clock);
        for (int i = 0; i < 3; i++) {
            get(store.submit(drafts.draft("p" + i)));
        }
        List<Outbox.Confirmation> acks = new ArrayList<>();
        for (OutboxMessage m : store.pending(Lane.CLINICAL, 0, 10)) {
            acks.add(new Outbox.Confirmation(m.id(), clock.millis(), clock.millis()));
        }
        store.confirm(acks);
        PurgeResult purged = store.purge(T0.plus(Duration.ofDays(91)));
        assertThat(purged.readings()).isEqualTo(3);
        assertThat(purged.dedupKeys()).isZero();
        assertThat(store.recent(10)).isEmpty();
        store.close();

        SqliteStore reopened = open(s);
        assertThat(reopened.stats().lastSeq()).isEqualTo(3);
        assertThat(seqOf(get(reopened.submit(drafts.draft("next"))))).isEqualTo(4);
        // the dedup key outlives the purged row
        assertThat(get(reopened.submit(drafts.draft("p1")))).isEqualTo(new Acceptance.Duplicate("p1", 2));
    }

    @Test
    void aFullQueueBlocksTheSubmitterInsteadOfDroppingReadings() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PayloadEncoder slow = r -> {
            if (r.seq() == 1) {
                try {
                    release.await(10, TimeUnit.SECONDS);   // the writer is stuck in its first batch
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return StoreFixtures.payloads().encode(r);
        };
        // maxBatch 1: the writer's queue holds 256 jobs
        StoreSettings s = new StoreSettings(dir.resolve("store.db"), 64L << 20, 0, 90, 400, Duration.ZERO, 1);
        SqliteStore store = SqliteStore.open(s, clock, slow, StoreFixtures.events(), StoreFixtures.eventIds());
        opened.add(store);
        List<CompletableFuture<Acceptance>> fs = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread submitter = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                fs.add(store.submit(drafts.draft("bp" + i)));
            }
        }, "test-submitter");
        submitter.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> submitter.getState() == Thread.State.TIMED_WAITING
                && fs.size() >= 257);
        assertThat(fs.size()).isLessThan(300);
        assertThat(fs).noneMatch(CompletableFuture::isCompletedExceptionally);
        release.countDown();
        submitter.join(10_000);
        assertThat(fs).hasSize(300);
        Set<Long> seqs = new TreeSet<>();
        for (CompletableFuture<Acceptance> f : fs) {
            seqs.add(seqOf(get(f)));
        }
        assertThat(seqs).hasSize(300).first().isEqualTo(1L);
        assertThat(seqs).last().isEqualTo(300L);
    }

    @Test
    void aStoreAlreadyBelowTheWatermarkAtOpenSaysSoBeforeTheFirstReading() throws Exception {
        StoreSettings s = new StoreSettings(dir.resolve("store.db"), 64L << 20, 1000, 90, 400, Duration.ZERO, 10);
        SqliteStore store = SqliteStore.open(s, clock, StoreFixtures.payloads(), StoreFixtures.events(),
                StoreFixtures.eventIds(), () -> 10, GroupCommitWriter.defaultThreads());
        opened.add(store);
        assertThat(store.isAcceptingReadings()).isFalse();
        assertThat(store.pending(Lane.DIAGNOSTIC, 0, 10)).hasSize(1);
    }
}
