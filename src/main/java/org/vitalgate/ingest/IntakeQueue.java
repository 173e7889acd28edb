package org.vitalgate.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vitalgate.reading.HubClock;
import org.vitalgate.transport.FlowControl;
import org.vitalgate.transport.RawFrame;

/**
 * The ingest queue: frames in arrival order, bounded by bytes, pushing back on the transports. Above the high
 * watermark it tells every registered {@link FlowControl} to pause memory fetches, below the low watermark to
 * resume. Only a frame that does not fit under the byte bound is not kept; such losses are recorded per device
 * with the ticket of the last frame queued before them, so that the consumer learns of a loss in frame order
 * (after it handled everything that came earlier), holds that device's record pointer, and reports it.
 *
 * <p>Thread-safe: {@link #offer} from transport threads (never blocks), {@link #poll} and {@link #takeLosses}
 * from the one consumer thread. Flow controls are called under this queue's monitor: they must only enqueue.
 */
final class IntakeQueue {
    /** What a queued frame costs beyond its payload: the frame, its strings and instant, the entry. */
    static final int FRAME_OVERHEAD = 160;

    /** A queued frame: {@code ticket} counts frames in arrival order. */
    /** A queued frame, with whether the hub clock was synchronized when it was received (sampled then). */
    record Entry(RawFrame frame, HubClock hubClock, long ticket, int cost) {
    }

    /**
     * Frames of {@code address} that were not kept, the first of them arriving right after the frame with ticket
     * {@code afterTicket} (earlier frames of the device are all before it in the queue).
     */
    record Loss(String address, long afterTicket, long frames) {
    }

    enum Offer { QUEUED, FULL, CLOSED }

    private final long maxBytes;
    private final long highWater;
    private final long lowWater;
    private final List<FlowControl> controls = new CopyOnWriteArrayList<>();
    // guarded by this
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Loss> losses = new LinkedHashMap<>();
    private long bytes;
    private long lastTicket;
    private boolean paused;
    private boolean closed;

    /** Pauses above half of {@code maxBytes}, resumes at a quarter: room for what is in flight when it pauses. */
    IntakeQueue(long maxBytes) {
        if (maxBytes < 4L * (FRAME_OVERHEAD + 512)) {
            throw new IllegalArgumentException("ingest queue too small: " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.highWater = maxBytes / 2;
        this.lowWater = maxBytes / 4;
    }

    static int cost(RawFrame f) {
        return FRAME_OVERHEAD + f.payload().size();
    }

    /** Registers a transport; told at once to pause if the queue is above its high watermark. */
    synchronized void addFlowControl(FlowControl c) {
        controls.add(Objects.requireNonNull(c, "c"));
        if (paused) {
            c.pauseFetches();
        }
    }

    /** Queues {@code f} if it fits; otherwise records the loss. Never blocks. */
    /** As {@link #offer(RawFrame, HubClock)}, for a frame whose hub clock state does not matter (tests). */
    Offer offer(RawFrame f) {
        return offer(f, HubClock.UNKNOWN);
    }

    synchronized Offer offer(RawFrame f, HubClock hubClock) {
        if (closed) {
            return Offer.CLOSED;
        }
        int cost = cost(f);
        if (bytes + cost > maxBytes) {
            losses.merge(f.deviceAddress(), new Loss(f.deviceAddress(), lastTicket, 1),
                    (a, b) -> new Loss(a.address(), a.afterTicket(), a.frames() + b.frames()));
            return Offer.FULL;
        }
        entries.addLast(new Entry(f, hubClock, ++lastTicket, cost));
        bytes += cost;
        if (!paused && bytes >= highWater) {
            paused = true;
            controls.forEach(FlowControl::pauseFetches);
        }
        notifyAll();
        return Offer.QUEUED;
    }

    /** The next frame, waiting up to {@code timeoutMillis}; null if none came (or the queue closed and is empty). */
    synchronized Entry poll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (entries.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        Entry e = entries.pollFirst();
        if (e == null) {
            return null;
        }
        bytes -= e.cost();
        if (paused && bytes <= lowWater) {
            paused = false;
            controls.forEach(FlowControl::resumeFetches);
        }
        return e;
    }

    /**
     * Takes the losses whose earlier frames have all been handled: with {@code next} the frame about to be
     * handled, those recorded before it arrived; with null (nothing taken), those recorded before the frame now at
     * the head of the queue arrived (all of them when the queue is empty).
     */
    synchronized List<Loss> takeLosses(Entry next) {
        if (losses.isEmpty()) {
            return List.of();
        }
        long before = next != null ? next.ticket() : entries.isEmpty() ? lastTicket + 1 : entries.peekFirst().ticket();
        List<Loss> out = new ArrayList<>();
        for (Iterator<Loss> it = losses.values().iterator(); it.hasNext(); ) {
            Loss l = it.next();
            if (l.afterTicket() < before) {
                out.add(l);
                it.remove();
            }
        }
        return out;
    }

    /** No more frames are taken; those queued can still be polled. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized boolean paused() {
        return paused;
    }
}
