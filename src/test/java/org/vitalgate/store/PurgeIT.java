package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.store.StoreFixtures.T0;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeIT {
    @TempDir
    Path dir;

    @Test
    void purgeRemovesConfirmedHistoryAndOldDedupKeysByAgeButNeverPendingReadings() throws Exception {
        StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(T0);
        StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();
        try (SqliteStore store = StoreFixtures.open(StoreFixtures.settings(dir), clock)) {
            for (String k : List.of("a", "b", "c")) {
                store.submit(drafts.draft(k)).get(10, TimeUnit.SECONDS);
            }
            store.recordEvent(new Event("E-1", EventType.DEVICE_PAIRED, T0, Map.of()));
            await().atMost(Duration.ofSeconds(5)).until(() -> store.stats().pendingEvents() == 1);
            List<OutboxMessage> rows = store.pending(Lane.CLINICAL, 0, 10);
            long event = store.pending(Lane.DIAGNOSTIC, 0, 10).get(0).id();
            long t0 = T0.toEpochMilli();
            long day = Duration.ofDays(1).toMillis();
            store.confirm(List.of(new Outbox.Confirmation(rows.get(0).id(), t0, t0),
                    new Outbox.Confirmation(rows.get(1).id(), t0 + 50 * day, t0 + 50 * day),
                    new Outbox.Confirmation(event, t0, t0)));

            // historyDays = 90: only what was confirmed more than 90 days ago goes
            PurgeResult first = store.purge(T0.plus(Duration.ofDays(91)));
            assertThat(first).isEqualTo(new PurgeResult(1, 1, 0));
            assertThat(store.recent(10)).extracting(StoredReading::seq).containsExactly(3L, 2L);
            assertThat(store.purge(T0.plus(Duration.ofDays(91)))).isEqualTo(new PurgeResult(0, 0, 0));

            // dedupDays = 400: keys go later than the rows; the unconfirmed reading is never purged
            PurgeResult second = store.purge(T0.plus(Duration.ofDays(401)));
            assertThat(second).isEqualTo(new PurgeResult(1, 0, 3));
            assertThat(store.recent(10)).extracting(StoredReading::seq).containsExactly(3L);
            assertThat(store.pending(Lane.CLINICAL, 0, 10)).extracting(OutboxMessage::id)
                    .containsExactly(rows.get(2).id());

            // with its key expired, a re-sent reading is new again, and seq carries on
            Acceptance again = store.submit(drafts.draft("a")).get(10, TimeUnit.SECONDS);
            assertThat(((Acceptance.Accepted) again).reading().seq()).isEqualTo(4);
            assertThat(store.stats().lastSeq()).isEqualTo(4);
        }
    }
}
