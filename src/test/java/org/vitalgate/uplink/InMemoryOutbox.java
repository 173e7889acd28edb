package org.vitalgate.uplink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.vitalgate.reading.Bytes;
import org.vitalgate.store.Lane;
import org.vitalgate.store.Outbox;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.OutboxStats;
import org.vitalgate.store.StoreException;

/** A hand-written in-memory outbox for uplink tests. Thread-safe (one monitor). */
final class InMemoryOutbox implements Outbox {
    private final TreeMap<Long, OutboxMessage> pending = new TreeMap<>();
    private final Map<Long, Confirmation> confirmed = new TreeMap<>();
    private final AtomicInteger pendingQueries = new AtomicInteger();
    private long nextId = 1;
    private boolean failReads;

    /** Appends a row whose payload is {@code {"id":N,...}} text; returns its id. */
    synchronized long add(Lane lane, String topicSuffix) {
        long id = nextId++;
        String json = "{\"id\":" + id + ",\"lane\":\"" + lane + "\"}";
        pending.put(id, new OutboxMessage(id, lane, topicSuffix, Bytes.of(json.getBytes(StandardCharsets.UTF_8)),
                System.currentTimeMillis()));
        return id;
    }

    synchronized void addReadings(int n) {
        for (int i = 0; i < n; i++) {
            add(Lane.CLINICAL, "readings");
        }
    }

    synchronized void failReads(boolean fail) {
        failReads = fail;
    }

    @Override
    public synchronized List<OutboxMessage> pending(Lane lane, long afterId, int max) throws StoreException {
        pendingQueries.incrementAndGet();
        if (failReads) {
            throw new StoreException("simulated read failure");
        }
        List<OutboxMessage> out = new ArrayList<>();
        for (OutboxMessage m : pending.tailMap(afterId, false).values()) {
            if (m.lane() == lane) {
                out.add(m);
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void confirm(List<Confirmation> confirmations) {
        for (Confirmation c : confirmations) {
            if (pending.remove(c.id()) != null) {
                confirmed.put(c.id(), c);
            }
        }
    }

    @Override
    public synchronized OutboxStats stats() {
        long readings = pending.values().stream().filter(m -> m.lane() == Lane.CLINICAL).count();
        return new OutboxStats(readings, pending.size() - readings, OptionalLong.empty(), confirmed.size(),
                nextId - 1, 0, 0);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized int confirmedCount() {
        return confirmed.size();
    }

    synchronized List<Confirmation> confirmations() {
        return List.copyOf(confirmed.values());
    }

    int pendingQueries() {
        return pendingQueries.get();
    }
}
