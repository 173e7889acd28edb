package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.reading.ReadingDraft;

/**
 * A batch that fails with an {@link Error} in the middle of its transaction (here: the payload encoder) is refused
 * reading by reading, and the device's record pointer, which a glucose meter is asked "records after", never moves
 * past a record of it, even when later records of the same transfer are stored.
 */
class FailedBatchPointerIT {
    static final String METER = "C8:DF:84:5E:00:02";

    @TempDir
    Path dir;

    @Test
    void aFailedBatchIsRefusedAndHoldsThePointerBelowItsRecords() throws Exception {
        PayloadEncoder base = StoreFixtures.payloads();
        PayloadEncoder failsOnRecord5 = r -> {
            if (r.content().deviceRecordNumber().equals(OptionalLong.of(5))) {
                throw new AssertionError("encoder defect on record 5");
            }
            return base.encode(r);
        };
        StoreFixtures.Drafts drafts = new StoreFixtures.Drafts();
        try (SqliteStore store = SqliteStore.open(StoreFixtures.settings(dir), Clock.systemUTC(), failsOnRecord5,
                StoreFixtures.events(), StoreFixtures.eventIds())) {
            for (int r = 3; r <= 4; r++) {
                assertThat(store.submit(draft(drafts, r)).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(Acceptance.Accepted.class);
            }
            assertThat(store.lastRecordNumber(METER)).hasValue(4);

            CompletableFuture<Acceptance> five = store.submit(draft(drafts, 5));
            assertThatThrownBy(() -> five.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StoreException.class);
            for (int r = 6; r <= 7; r++) {              // the transfer goes on: later records are stored
                assertThat(store.submit(draft(drafts, r)).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(Acceptance.Accepted.class);
            }
            // the meter is asked for records after 4: record 5 again, not skipped
            assertThat(store.lastRecordNumber(METER)).hasValue(4);
        }
    }

    static ReadingDraft draft(StoreFixtures.Drafts drafts, long record) {
        return drafts.draft("key-" + record, METER, OptionalLong.of(record));
    }
}
