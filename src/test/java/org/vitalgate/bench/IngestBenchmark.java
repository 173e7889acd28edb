package org.vitalgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.vitalgate.store.Acceptance;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;

/**
 * Durable ingest rate of {@link SqliteStore}: readings accepted per second (each future completes only after
 * its commit, {@code synchronous=FULL}) one at a time and in bursts, and bytes written to disk per reading
 * ({@code /proc/self/io write_bytes}, else growth of the database and WAL files). Payloads ~600 bytes.
 *
 * <p>Usage: {@code IngestBenchmark [seconds-per-case]} (default 3); {@code IngestBenchmark preload <db> <n>}
 * to fill a store file with {@link StorePreloader}; {@code IngestBenchmark open <db>} to time opening a big store.
 * A tool, not a test.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    record Row(String scenario, String window, long readings, double seconds, OptionalLong bytesWritten,
               long fileGrowth) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("preload")) {
            StorePreloader.main(new String[] {args[1], args[2]});
            return;
        }
        if (args.length == 2 && args[0].equals("open")) {
            timeOpen(Path.of(args[1]));
            return;
        }
        double secondsPerCase = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        Path dir = Files.createTempDirectory("vitalgate-ingest-bench");
        List<Row> rows = new ArrayList<>();
        try {
            int payload = BenchReadings.payloads().encode(new BenchReadings().draft(1).committed(1)).length;
            System.out.printf("IngestBenchmark: sqlite WAL synchronous=FULL, payload %d bytes, %.0f s per case, dir %s%n",
                    payload, secondsPerCase, dir);
            int n = 0;
            for (Duration window : List.of(Duration.ofMillis(5), Duration.ZERO)) {
                for (int burst : new int[] {1, 10, 100, 1000}) {
                    rows.add(run(dir.resolve("case" + (n++) + ".db"), window, burst, secondsPerCase));
                }
            }
            print(rows);
        } finally {
            deleteTree(dir);
        }
    }

    /** Times opening an existing (e.g. preloaded) store: integrity check, stats, first pending page. */
    private static void timeOpen(Path db) throws Exception {
        long t0 = System.nanoTime();
        try (SqliteStore store = SqliteStore.open(StorePreloader.settings(db), Clock.systemUTC(),
                BenchReadings.payloads(), BenchReadings.events(), () -> "OPEN-BENCH")) {
            long t1 = System.nanoTime();
            var stats = store.stats();
            long t2 = System.nanoTime();
            int n = store.pending(org.vitalgate.store.Lane.CLINICAL, 0, 500).size();
            long t3 = System.nanoTime();
            System.out.printf("open (quick_check, migrate) %.0f ms; stats %.0f ms (%s); pending(500) %.1f ms (%d rows)%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, stats, (t3 - t2) / 1e6, n);
        }
    }

    private static Row run(Path db, Duration window, int burst, double seconds) throws Exception {
        StoreSettings settings = new StoreSettings(db, 8L << 30, 0, 90, 400, window, 1000);
        BenchReadings readings = new BenchReadings();
        AtomicLong eventIds = new AtomicLong();
        try (SqliteStore store = SqliteStore.open(settings, Clock.systemUTC(), BenchReadings.payloads(),
                BenchReadings.events(), () -> "BENCH-" + eventIds.incrementAndGet())) {
            // warm-up: JIT and the first pages of the file
            long i = 0;
            for (; i < 2000; i += burst) {
                submitBurst(store, readings, i, burst);
            }
            long filesBefore = fileBytes(db);
            OptionalLong ioBefore = processWriteBytes();
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            long count = 0;
            while (System.nanoTime() < deadline) {
                submitBurst(store, readings, i, burst);
                i += burst;
                count += burst;
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            OptionalLong ioAfter = processWriteBytes();
            long growth = fileBytes(db) - filesBefore;
            OptionalLong written = ioBefore.isPresent() && ioAfter.isPresent()
                    ? OptionalLong.of(ioAfter.getAsLong() - ioBefore.getAsLong()) : OptionalLong.empty();
            String label = burst == 1 ? "1 at a time (submit, wait)" : "bursts of " + burst;
            return new Row(label, window.toMillis() + " ms", count, elapsed, written, growth);
        }
    }

    private static void submitBurst(SqliteStore store, BenchReadings readings, long from, int burst)
            throws Exception {
        List<CompletableFuture<Acceptance>> fs = new ArrayList<>(burst);
        for (int j = 0; j < burst; j++) {
            fs.add(store.submit(readings.draft(from + j)));
        }
        for (CompletableFuture<Acceptance> f : fs) {
            if (!(f.get() instanceof Acceptance.Accepted)) {
                throw new IllegalStateException("unexpected duplicate");
            }
        }
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.printf("%-28s %-7s %10s %8s %14s %16s %16s%n", "scenario", "window", "readings", "seconds",
                "readings/s", "disk bytes/rdg", "file growth/rdg");
        for (Row r : rows) {
            String io = r.bytesWritten().isPresent()
                    ? String.format("%,d", r.bytesWritten().getAsLong() / Math.max(1, r.readings())) : "n/a";
            System.out.printf("%-28s %-7s %,10d %8.2f %,14.0f %16s %,16d%n", r.scenario(), r.window(), r.readings(),
                    r.seconds(), r.readings() / r.seconds(), io, r.fileGrowth() / Math.max(1, r.readings()));
        }
        System.out.println();
        System.out.println("disk bytes/rdg: /proc/self/io write_bytes delta per reading (whole JVM);"
                + " file growth/rdg: database + WAL size growth per reading.");
    }

    /** Bytes this process caused to be written to storage, if the kernel reports it. */
    static OptionalLong processWriteBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("write_bytes:".length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    static long fileBytes(Path db) throws IOException {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(p)) {
                total += Files.size(p);
            }
        }
        return total;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
