package org.vitalgate.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vitalgate.testing.MosquittoBroker;

/**
 * Footprint of the agent as systemd runs it ({@code java -Xmx48m -XX:+UseSerialGC -jar vitalgate.jar run}) with a
 * backlog of N readings (default 1 000 000): time from launch to "uplink connected", resident set size (VmRSS)
 * at connect, peak while draining and at the end, and the drain time.
 *
 * <p>Usage: {@code FootprintBenchmark [N=1000000] [jar=target/vitalgate.jar]}.
 */
public final class FootprintBenchmark {
    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path jar = Path.of(args.length > 1 ? args[1] : "target/vitalgate.jar");
        Path dir = Files.createTempDirectory("vitalgate-footprint-");
        Path db = dir.resolve("vitalgate.db");
        long t0 = System.nanoTime();
        StorePreloader.preload(db, n);
        System.out.printf("preloaded %d readings in %.1f s (%d MB)%n", n, (System.nanoTime() - t0) / 1e9,
                Files.size(db) >> 20);
        try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, """
                    hubId: bench-hub
                    mqtt:
                      broker: %s
                    store:
                      path: %s
                      maxSize: 8GiB
                      minFreeDisk: 0B
                    simulation:
                      enabled: false
                    ble:
                      enabled: false
                    """.formatted(broker.plainTcpUri().replace("tcp://", "mqtt://"), db));
            Path log = dir.resolve("agent.log");
            long launch = System.nanoTime();
            List<String> cmd = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(List.of(System.getProperty("footprint.jvm", "-Xmx48m,-XX:+UseSerialGC").split(",")));
            cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
            System.out.println("agent JVM flags: " + System.getProperty("footprint.jvm", "-Xmx48m,-XX:+UseSerialGC"));
            Process agent = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long connectedNanos = -1;
                long rssAtConnect = 0;
                long peak = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                long pending = n;
                int tick = 0;
                while (System.nanoTime() < deadline && agent.isAlive()) {
                    long rss = rssKiB(agent.pid());
                    peak = Math.max(peak, rss);
                    if (connectedNanos < 0 && Files.readString(log, StandardCharsets.UTF_8).contains("-> CONNECTED")) {
                        connectedNanos = System.nanoTime() - launch;
                        rssAtConnect = rss;
                    }
                    if (connectedNanos >= 0 && tick++ % 10 == 0) {
                        pending = pending(db);
                        if (pending == 0) {
                            break;
                        }
                    }
                    Thread.sleep(100);
                }
                double drain = (System.nanoTime() - launch) / 1e9;
                System.out.printf("launch to connected: %d ms%n", connectedNanos / 1_000_000);
                System.out.printf("RSS at connect: %d MB; peak while draining: %d MB; at end: %d MB%n",
                        rssAtConnect >> 10, peak >> 10, rssKiB(agent.pid()) >> 10);
                System.out.printf("backlog of %d drained in %.1f s from launch (%d still pending)%n", n, drain, pending);
            } finally {
                agent.destroy();
                agent.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long pending(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox WHERE confirmed_at IS NULL")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception gone) {
            // process ended
        }
        return 0;
    }
}
