package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.FlowControl;
import org.vitalgate.transport.RawFrame;

/** The byte-bounded ingest queue: watermarks, what it keeps, and losses reported in frame order. Pure. */
class IntakeQueueTest {
    static final long MAX = 64 * 1024;
    static final String CH = "00002a18-0000-1000-8000-00805f9b34fb";

    /** Records pause/resume calls and the queue's bytes at each. */
    static final class Recorder implements FlowControl {
        final List<String> calls = new ArrayList<>();
        IntakeQueue queue;

        @Override
        public void pauseFetches() {
            calls.add("pause@" + queue.bytes());
        }

        @Override
        public void resumeFetches() {
            calls.add("resume@" + queue.bytes());
        }
    }

    static RawFrame frame(String address, int payload) {
        return new RawFrame(address, CH, Bytes.of(new byte[payload]), Instant.EPOCH);
    }

    @Test
    void pausesOnceAboveHalfAndResumesOnceBelowAQuarter() throws Exception {
        IntakeQueue q = new IntakeQueue(MAX);
        Recorder r = new Recorder();
        r.queue = q;
        q.addFlowControl(r);
        int cost = IntakeQueue.cost(frame("A", 40));
        int offered = 0;
        while (!q.paused()) {
            assertThat(q.offer(frame("A", 40))).isEqualTo(IntakeQueue.Offer.QUEUED);
            offered++;
        }
        assertThat(r.calls).containsExactly("pause@" + (long) offered * cost);
        assertThat((long) offered * cost).isGreaterThanOrEqualTo(MAX / 2).isLessThan(MAX / 2 + cost);
        // more frames while paused: still kept (the room above the watermark is for what is in flight)
        for (int i = 0; i < 10; i++) {
            assertThat(q.offer(frame("A", 40))).isEqualTo(IntakeQueue.Offer.QUEUED);
        }
        while (q.paused()) {
            assertThat(q.poll(0)).isNotNull();
        }
        assertThat(r.calls).hasSize(2);
        assertThat(r.calls.get(1)).startsWith("resume@");
        assertThat(Long.parseLong(r.calls.get(1).substring("resume@".length()))).isLessThanOrEqualTo(MAX / 4);

        // a flow control registered while paused is told at once
        while (!q.paused()) {
            q.offer(frame("A", 40));
        }
        Recorder late = new Recorder();
        late.queue = q;
        q.addFlowControl(late);
        assertThat(late.calls).hasSize(1).allMatch(c -> c.startsWith("pause@"));
    }

    @Test
    void onlyWhatExceedsTheByteBoundIsNotKeptAndLossesComeInFrameOrder() throws Exception {
        IntakeQueue q = new IntakeQueue(MAX);
        long kept = 0;
        while (q.offer(frame("A", 100)) == IntakeQueue.Offer.QUEUED) {
            kept++;
        }
        assertThat(q.bytes()).isLessThanOrEqualTo(MAX);
        assertThat(q.bytes() + IntakeQueue.cost(frame("A", 100))).isGreaterThan(MAX);
        assertThat(q.offer(frame("B", 100))).isEqualTo(IntakeQueue.Offer.FULL);
        assertThat(q.offer(frame("A", 100))).isEqualTo(IntakeQueue.Offer.FULL);   // merges with A's first loss

        // the losses wait until the frames queued before them have been taken
        IntakeQueue.Entry first = q.poll(0);
        assertThat(first.ticket()).isEqualTo(1);
        assertThat(q.takeLosses(first)).isEmpty();
        IntakeQueue.Entry e = first;
        IntakeQueue.Entry last = null;
        while ((e = q.poll(0)) != null) {
            List<IntakeQueue.Loss> due = q.takeLosses(e);
            if (!due.isEmpty()) {
                // every loss was recorded after the last queued frame: nothing is due before the queue is drained
                throw new AssertionError("loss due before the frames queued earlier were taken: " + due);
            }
            last = e;
        }
        assertThat(last.ticket()).isEqualTo(kept);
        List<IntakeQueue.Loss> losses = q.takeLosses(null);
        assertThat(losses).extracting(IntakeQueue.Loss::address).containsExactlyInAnyOrder("A", "B");
        assertThat(losses).filteredOn(l -> l.address().equals("A")).singleElement()
                .satisfies(l -> assertThat(l.frames()).isEqualTo(2));
        assertThat(q.takeLosses(null)).isEmpty();
    }

    @Test
    void aLossIsDueBeforeTheFirstFrameThatArrivedAfterIt() throws Exception {
        IntakeQueue q = new IntakeQueue(MAX);
        while (q.offer(frame("A", 100)) == IntakeQueue.Offer.QUEUED) {
            // fill
        }
        long lossAfter = q.size();                   // tickets 1..size were queued before the loss
        while (q.size() > 0) {
            IntakeQueue.Entry e = q.poll(0);
            assertThat(q.takeLosses(e)).isEmpty();
            if (q.size() == 0) {
                break;
            }
        }
        assertThat(q.offer(frame("A", 100))).isEqualTo(IntakeQueue.Offer.QUEUED);
        IntakeQueue.Entry after = q.poll(0);
        assertThat(after.ticket()).isEqualTo(lossAfter + 1);
        assertThat(q.takeLosses(after)).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo("A");
            assertThat(l.afterTicket()).isEqualTo(lossAfter);
        });
    }

    @Test
    void aClosedQueueTakesNothingButGivesWhatItHolds() throws Exception {
        IntakeQueue q = new IntakeQueue(MAX);
        q.offer(frame("A", 1));
        q.close();
        assertThat(q.offer(frame("A", 1))).isEqualTo(IntakeQueue.Offer.CLOSED);
        assertThat(q.poll(0)).isNotNull();
        assertThat(q.poll(1000)).isNull();           // closed and empty: returns at once
    }
}
