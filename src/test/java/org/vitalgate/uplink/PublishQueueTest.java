package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalgate.store.Lane;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.StoreException;

class PublishQueueTest {

    @Test
    void clinicalFirstThenDiagnosticEachInIdOrderFetchedInChunks() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        for (int i = 0; i < 10; i++) {
            outbox.add(Lane.DIAGNOSTIC, "events");
            outbox.add(Lane.CLINICAL, "readings");
        }
        PublishQueue queue = new PublishQueue(outbox, 4);
        List<OutboxMessage> order = drain(queue);
        assertThat(order).extracting(OutboxMessage::lane).containsExactly(
                Lane.CLINICAL, Lane.CLINICAL, Lane.CLINICAL, Lane.CLINICAL, Lane.CLINICAL,
                Lane.CLINICAL, Lane.CLINICAL, Lane.CLINICAL, Lane.CLINICAL, Lane.CLINICAL,
                Lane.DIAGNOSTIC, Lane.DIAGNOSTIC, Lane.DIAGNOSTIC, Lane.DIAGNOSTIC, Lane.DIAGNOSTIC,
                Lane.DIAGNOSTIC, Lane.DIAGNOSTIC, Lane.DIAGNOSTIC, Lane.DIAGNOSTIC, Lane.DIAGNOSTIC);
        assertThat(order.subList(0, 10)).extracting(OutboxMessage::id).isSorted();
        assertThat(order.subList(10, 20)).extracting(OutboxMessage::id).isSorted();
        // 3 chunks + 1 short per lane... not one query per row
        assertThat(outbox.pendingQueries()).isLessThanOrEqualTo(8);
    }

    @Test
    void anEmptyLaneIsNotQueriedAgainUntilMarked() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        PublishQueue queue = new PublishQueue(outbox, 256);
        assertThat(queue.peek()).isNull();
        int queries = outbox.pendingQueries();
        for (int i = 0; i < 100; i++) {
            assertThat(queue.peek()).isNull();
        }
        assertThat(outbox.pendingQueries()).isEqualTo(queries);
        long id = outbox.add(Lane.CLINICAL, "readings");
        assertThat(queue.peek()).isNull();                   // not yet told
        queue.markMaybeMore();
        assertThat(queue.poll().id()).isEqualTo(id);
    }

    @Test
    void newRowsContinueAfterTheCursorAndANewQueueStartsOver() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        outbox.addReadings(3);
        PublishQueue queue = new PublishQueue(outbox, 256);
        assertThat(drain(queue)).extracting(OutboxMessage::id).containsExactly(1L, 2L, 3L);
        outbox.addReadings(2);
        queue.markMaybeMore();
        assertThat(drain(queue)).extracting(OutboxMessage::id).containsExactly(4L, 5L);
        outbox.confirm(List.of(new org.vitalgate.store.Outbox.Confirmation(1, 0, 0),
                new org.vitalgate.store.Outbox.Confirmation(2, 0, 0)));
        assertThat(drain(new PublishQueue(outbox, 256))).extracting(OutboxMessage::id).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aStoreThatReturnsRowsOutOfOrderIsAnError() {
        PublishQueue queue = new PublishQueue(new org.vitalgate.store.Outbox() {
            @Override
            public List<OutboxMessage> pending(Lane lane, long afterId, int max) {
                return List.of(new OutboxMessage(5, lane, "readings", org.vitalgate.reading.Bytes.of((byte) 1), 0),
                        new OutboxMessage(4, lane, "readings", org.vitalgate.reading.Bytes.of((byte) 1), 0));
            }

            @Override
            public void confirm(List<Confirmation> confirmations) {
            }

            @Override
            public org.vitalgate.store.OutboxStats stats() {
                throw new UnsupportedOperationException();
            }
        }, 256);
        assertThatThrownBy(queue::peek).isInstanceOf(StoreException.class).hasMessageContaining("not ascending");
    }

    private static List<OutboxMessage> drain(PublishQueue queue) throws StoreException {
        List<OutboxMessage> out = new ArrayList<>();
        while (queue.peek() != null) {
            out.add(queue.poll());
        }
        return out;
    }

    @Test
    void aFailedReadAheadIsRetriedFromTheStoreOnceTheStoreRecovers() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        for (int i = 0; i < 3; i++) {
            outbox.add(Lane.CLINICAL, "readings");
        }
        java.util.ArrayDeque<Runnable> reader = new java.util.ArrayDeque<>();
        PublishQueue queue = new PublishQueue(outbox, 2, reader::add);
        assertThat(queue.poll().id()).isEqualTo(1L);    // first chunk read inline; the next one queued ahead
        outbox.failReads(true);                          // a transient store error hits the read-ahead
        runAll(reader);
        outbox.failReads(false);
        assertThat(queue.poll().id()).isEqualTo(2L);
        assertThatThrownBy(queue::peek).isInstanceOf(StoreException.class);
        runAll(reader);
        assertThat(queue.peek()).isNotNull();            // asked the store again: row 3
        assertThat(queue.poll().id()).isEqualTo(3L);
    }

    private static void runAll(java.util.ArrayDeque<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }
}
