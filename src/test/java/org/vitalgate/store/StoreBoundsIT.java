package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.reading.ReadingDraft;

class StoreBoundsIT {
    private static final PayloadEncoder PAYLOADS = StoreFixtures.payloads(600);

    @TempDir
    Path dir;

    private final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(StoreFixtures.T0);
    private final StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();
    private final AtomicLong freeDisk = new AtomicLong(Long.MAX_VALUE);
    private SqliteStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private SqliteStore open(long maxBytes, long minFreeDisk, Duration window) throws StoreException {
        StoreSettings s = new StoreSettings(dir.resolve("store.db"), maxBytes, minFreeDisk, 90, 400, window, 1000);
        store = SqliteStore.open(s, clock, PAYLOADS, StoreFixtures.events(), StoreFixtures.eventIds(), freeDisk::get,
                GroupCommitWriter.defaultThreads());
        return store;
    }

    private static Acceptance get(CompletableFuture<Acceptance> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private List<String> pendingEventTexts() throws StoreException {
        List<String> out = new ArrayList<>();
        for (OutboxMessage m : store.pending(Lane.DIAGNOSTIC, 0, 1000)) {
            out.add(new String(m.payload().toByteArray(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void overTheByteLimitDiagnosticsGoFirstThenReadingsAreRefusedAndNothingAcceptedIsLost() throws Exception {
        open(300_000, 0, Duration.ofMillis(1));
        for (int i = 0; i < 50; i++) {
            store.recordEvent(new Event("E-" + i, EventType.DECODE_FAILED, StoreFixtures.T0, Map.of("n", "" + i)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.stats().pendingEvents() == 50);

        List<ReadingDraft> accepted = new ArrayList<>();
        Throwable refusal = null;
        for (int i = 0; i < 5000 && refusal == null; i++) {
            ReadingDraft d = drafts.draft("r" + i);
            try {
                Acceptance a = get(store.submit(d));
                assertThat(((Acceptance.Accepted) a).reading().seq()).isEqualTo(accepted.size() + 1);
                accepted.add(d);
            } catch (ExecutionException e) {
                refusal = e.getCause();
            }
        }
        assertThat(refusal).isInstanceOf(StoreFullException.class)
                .hasMessageContaining("maxBytes 300000").hasMessageContaining("store size");
        assertThat(accepted).hasSizeGreaterThan(100);
        assertThat(store.isAcceptingReadings()).isFalse();

        OutboxStats stats = store.stats();
        assertThat(stats.droppedEvents()).isEqualTo(50);
        assertThat(pendingEventTexts()).hasSize(1).allSatisfy(t -> assertThat(t).contains("store-full"));
        // a second refusal does not raise a second event
        assertThatThrownBy(() -> get(store.submit(drafts.draft("again")))).hasCauseInstanceOf(StoreFullException.class);
        assertThat(pendingEventTexts()).hasSize(1);

        // every accepted reading is still pending, intact, in seq order
        List<OutboxMessage> pending = store.pending(Lane.CLINICAL, 0, 10_000);
        assertThat(pending).hasSize(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            assertThat(pending.get(i).payload().toByteArray())
                    .isEqualTo(PAYLOADS.encode(accepted.get(i).committed(i + 1)));
        }

        // once the uplink confirms them, the history is purged early and readings flow again
        List<Outbox.Confirmation> acks = new ArrayList<>();
        for (OutboxMessage m : pending) {
            acks.add(new Outbox.Confirmation(m.id(), clock.millis(), clock.millis()));
        }
        store.confirm(acks);
        await().atMost(Duration.ofSeconds(5)).until(store::isAcceptingReadings);
        assertThat(store.recent(1)).isEmpty();

        // with every reading row shed, seq still carries on after a restart
        store.close();
        open(300_000, 0, Duration.ofMillis(1));
        assertThat(store.stats().lastSeq()).isEqualTo(accepted.size());
        Acceptance next = get(store.submit(drafts.draft("after")));
        assertThat(((Acceptance.Accepted) next).reading().seq()).isEqualTo(accepted.size() + 1);
    }

    @Test
    void belowTheFreeDiskWatermarkReadingsAreRefusedAndHistoryIsKept() throws Exception {
        open(64L << 20, 1_000_000, Duration.ofMillis(1));
        get(store.submit(drafts.draft("before")));
        long id = store.pending(Lane.CLINICAL, 0, 1).get(0).id();
        store.confirm(List.of(new Outbox.Confirmation(id, 1, 2)));

        freeDisk.set(999_999);
        assertThatThrownBy(() -> get(store.submit(drafts.draft("refused"))))
                .hasCauseInstanceOf(StoreFullException.class)
                .hasMessageContaining("free disk 999999 bytes is below minFreeDiskBytes 1000000");
        assertThat(store.isAcceptingReadings()).isFalse();
        assertThatThrownBy(() -> get(store.submit(drafts.draft("refused-2"))))
                .hasCauseInstanceOf(StoreFullException.class);
        assertThat(pendingEventTexts()).hasSize(1).allSatisfy(t -> assertThat(t).contains("store-full")
                .contains("minFreeDiskBytes"));
        // shedding history cannot free disk space: the confirmed reading stays
        assertThat(store.recent(10)).hasSize(1);

        freeDisk.set(5_000_000);
        await().atMost(Duration.ofSeconds(5)).until(store::isAcceptingReadings);
        Acceptance a = get(store.submit(drafts.draft("after")));
        assertThat(((Acceptance.Accepted) a).reading().seq()).isEqualTo(2);
    }

    @Test
    void aMetersPointerNeverSkipsARefusedRecordEvenAcrossARestart() throws Exception {
        String meter = "C8:DF:84:5E:00:02";
        open(64L << 20, 1_000_000, Duration.ofMillis(1));
        get(store.submit(drafts.draft("g40", meter, OptionalLong.of(40))));
        freeDisk.set(999_999);                    // the transfer of records 41..50 starts while the disk is full
        for (int r = 41; r <= 45; r++) {
            int record = r;
            assertThatThrownBy(() -> get(store.submit(drafts.draft("g" + record, meter, OptionalLong.of(record)))))
                    .hasCauseInstanceOf(StoreFullException.class);
        }
        freeDisk.set(5_000_000);                  // room again in the middle of the transfer
        await().atMost(Duration.ofSeconds(5)).until(store::isAcceptingReadings);
        for (int r = 46; r <= 50; r++) {
            get(store.submit(drafts.draft("g" + r, meter, OptionalLong.of(r))));
        }
        assertThat(store.lastRecordNumber(meter)).as("the meter must be asked for 41.. again").hasValue(40);

        store.close();                            // and a restart does not forget it
        open(64L << 20, 1_000_000, Duration.ofMillis(1));
        assertThat(store.lastRecordNumber(meter)).hasValue(40);

        // the meter sends 41..50 again: 41..45 are stored, 46..50 are duplicates; the pointer moves on to 50
        for (int r = 41; r <= 50; r++) {
            get(store.submit(drafts.draft("g" + r, meter, OptionalLong.of(r))));
        }
        assertThat(store.lastRecordNumber(meter)).hasValue(50);
    }

    @Test
    void aRealSqliteFullRollsBackTheWholeBatchAndConsumesNoSeq() throws Exception {
        open(64L << 20, 0, Duration.ofMillis(300));
        assertThat(((Acceptance.Accepted) get(store.submit(drafts.draft("first")))).reading().seq()).isEqualTo(1);
        long pages;
        try (var other = StoreFixtures.independentConnection(dir.resolve("store.db"));
             var rs = other.createStatement().executeQuery("PRAGMA page_count")) {
            pages = rs.getLong(1);
        }
        // a real SQLITE_FULL: the database may not grow by a single page
        store.executeForTest("PRAGMA max_page_count = " + pages);

        List<CompletableFuture<Acceptance>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(store.submit(drafts.draft("b" + i)));
        }
        for (CompletableFuture<Acceptance> f : batch) {
            assertThatThrownBy(() -> get(f)).hasCauseInstanceOf(StoreFullException.class)
                    .hasMessageContaining("full");
        }
        assertThat(store.pending(Lane.CLINICAL, 0, 100)).hasSize(1);
        assertThat(store.recent(100)).extracting(StoredReading::seq).containsExactly(1L);

        store.executeForTest("PRAGMA max_page_count = 1000000");
        Acceptance a = get(store.submit(drafts.draft("b0")));
        assertThat(((Acceptance.Accepted) a).reading().seq()).isEqualTo(2);
        assertThat(store.stats().lastSeq()).isEqualTo(2);
    }
}
