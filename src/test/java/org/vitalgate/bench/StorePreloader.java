package org.vitalgate.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.vitalgate.store.Acceptance;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreException;
import org.vitalgate.store.StoreSettings;

/**
 * Fills a store file with N pending readings (~600-byte payloads) through the store's own API, in big group
 * commits, for backlog benchmarks. The store is opened with a limit large enough for the backlog (1 000 000
 * readings take ~0.8 GB): open it later with a matching {@code maxBytes}, or the default 512 MiB limit refuses
 * new readings.
 *
 * <p>Usage: {@code StorePreloader <db-file> <count>}. Not thread-safe; a tool, not part of the agent.
 */
public final class StorePreloader {
    private static final int BURST = 5000;

    private StorePreloader() {
    }

    /** Settings used for preloading: 64 GiB limit, no disk watermark, 1 ms window, 5000 readings a batch. */
    public static StoreSettings settings(Path db) {
        return new StoreSettings(db, 64L << 30, 0, 90, 400, Duration.ofMillis(1), BURST);
    }

    /** Appends {@code count} pending readings to the store at {@code db}; returns the last seq. */
    public static long preload(Path db, long count) throws StoreException, InterruptedException {
        BenchReadings readings = new BenchReadings();
        AtomicLong eventIds = new AtomicLong();
        try (SqliteStore store = SqliteStore.open(settings(db), Clock.systemUTC(), BenchReadings.payloads(),
                BenchReadings.events(), () -> "PRELOAD-EVENT-" + eventIds.incrementAndGet())) {
            Deque<List<CompletableFuture<Acceptance>>> inFlight = new ArrayDeque<>();
            long lastSeq = 0;
            for (long i = 0; i < count; ) {
                List<CompletableFuture<Acceptance>> burst = new ArrayList<>(BURST);
                for (int j = 0; j < BURST && i < count; j++, i++) {
                    burst.add(store.submit(readings.draft(i)));
                }
                inFlight.add(burst);
                if (inFlight.size() > 1) {
                    lastSeq = Math.max(lastSeq, awaitAll(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                lastSeq = Math.max(lastSeq, awaitAll(inFlight.poll()));
            }
            return lastSeq;
        }
    }

    static long awaitAll(List<CompletableFuture<Acceptance>> futures) throws StoreException, InterruptedException {
        long last = 0;
        for (CompletableFuture<Acceptance> f : futures) {
            try {
                Acceptance a = f.get();
                if (a instanceof Acceptance.Accepted acc) {
                    last = Math.max(last, acc.reading().seq());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new StoreException("preload failed: " + e.getCause(), e.getCause());
            }
        }
        return last;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StorePreloader <db-file> <count>");
            System.exit(2);
        }
        Path db = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        long t0 = System.nanoTime();
        long lastSeq = preload(db, count);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("preloaded %d readings into %s in %.1f s (%.0f readings/s); last seq %d%n",
                count, db, s, count / s, lastSeq);
    }
}
