package org.vitalgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.uplink.CommandHandler;
import org.vitalgate.uplink.MqttUplink;
import org.vitalgate.uplink.StatusPayloads;
import org.vitalgate.uplink.UplinkListener;
import org.vitalgate.uplink.UplinkSettings;
import org.vitalgate.uplink.UplinkState;
import org.vitalgate.uplink.payload.JsonV1;

/**
 * Backlog drain: N readings preloaded into a store, then (a) the agent's uplink drains them to a local Mosquitto
 * until every one is confirmed, and (b) raw Paho publishes the same payloads, QoS 1, with the same in-flight
 * window, to the same broker. Both are timed from "connected" to "last PUBACK". Last line:
 * {@code drain ratio R (agent A msg/s, raw B msg/s)}.
 *
 * <p>Usage: {@code DrainBenchmark [N=200000] [window=100]}.
 */
public final class DrainBenchmark {
    private DrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("vitalgate-drain-");
        Path db = dir.resolve("backlog.db");
        long t0 = System.nanoTime();
        StorePreloader.preload(db, n);
        System.out.printf("preloaded %d readings in %.1f s (%d MB on disk)%n", n, secs(t0),
                Files.size(db) >> 20);
        List<byte[]> payloads = payloads(db);
        long bytes = payloads.stream().mapToLong(p -> p.length).sum();
        System.out.printf("payload size: mean %d bytes%n", bytes / n);

        // Warm-up (JIT) of both paths with a tenth of the backlog, on a store of its own; not measured.
        int warm = Math.max(1000, n / 10);
        Path warmDb = dir.resolve("warmup.db");
        StorePreloader.preload(warmDb, warm);
        try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
            String uri = broker.plainTcpUri().replace("tcp://", "mqtt://");
            System.out.println("warm-up:");
            agentDrain(warmDb, uri, warm, window);
            rawPaho(broker.plainTcpUri(), payloads.subList(0, warm), window);
            System.out.println("measured:");
            double agent = agentDrain(db, uri, n, window);
            double raw = rawPaho(broker.plainTcpUri(), payloads, window);
            if (Boolean.getBoolean("drain.hivemq")) {
                rawHiveMq(broker.port(), payloads, window);
            }
            System.out.printf("drain ratio %.2f (agent %.0f msg/s, raw %.0f msg/s)%n", agent / raw, agent, raw);
        }
    }

    private static double agentDrain(Path db, String broker, int n, int window) throws Exception {
        Clock clock = Clock.systemUTC();
        JsonV1 json = new JsonV1("bench-hub");
        ReadingIds ids = new ReadingIds(clock);
        UplinkSettings d = UplinkSettings.defaults(java.net.URI.create(broker), "bench-hub");
        UplinkSettings settings = new UplinkSettings(d.broker(), d.hubId(), d.clientId(), d.topicRoot(), d.tls(),
                d.credentialsFile(), window, d.maxPublishRate(), false, d.keepAlive(), d.connectTimeout(),
                d.backoffMin(), d.backoffMax(), d.rejectionBackoff());
        CountDownLatch connected = new CountDownLatch(1);
        long start = System.nanoTime();
        try (SqliteStore store = SqliteStore.open(StorePreloader.settings(db), clock, json, json,
                () -> ids.next().value());
             MqttUplink uplink = new MqttUplink(settings, store, status(json, clock),
                     (m, at) -> JsonV1.stampPublished(m.payload().toByteArray(), at), CommandHandler.IGNORE,
                     new UplinkListener() {
                         @Override
                         public void stateChanged(UplinkState from, UplinkState to) {
                             if (to == UplinkState.CONNECTED) {
                                 connected.countDown();
                             }
                         }
                     }, clock)) {
            uplink.start();
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("agent did not connect");
            }
            long connectedAt = System.nanoTime();
            long samples = 0;
            long inflightSum = 0;
            while (uplink.status().confirmed() < n) {
                inflightSum += uplink.status().inflight();
                samples++;
                Thread.sleep(1);
            }
            System.out.printf("agent: mean in-flight %.1f of %d%n", (double) inflightSum / Math.max(1, samples), window);
            double acked = secs(connectedAt);
            while (store.stats().pendingReadings() > 0) {
                Thread.sleep(20);
            }
            double fromConnected = n / acked;
            System.out.printf("agent: %d readings acknowledged %.2f s after connecting (%.2f s after launch): %.0f msg/s;"
                    + " all confirmed in the store %.2f s after connecting%n", n, acked, secs(start) - secs(connectedAt)
                    + acked, fromConnected, secs(connectedAt));
            return fromConnected;
        }
    }

    private static double rawPaho(String uri, List<byte[]> payloads, int window) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, "raw-paho-bench", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(window);
        options.setCleanSession(true);
        client.connect(options).waitForCompletion(30_000);
        Semaphore slots = new Semaphore(window);
        AtomicLong acked = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        IMqttActionListener onAck = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                slots.release();
                if (acked.incrementAndGet() == payloads.size()) {
                    done.countDown();
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                System.err.println("raw publish failed: " + e);
                slots.release();
            }
        };
        long start = System.nanoTime();
        for (byte[] p : payloads) {
            slots.acquire();
            byte[] stamped = JsonV1.stampPublished(p, Instant.now());
            MqttMessage m = new MqttMessage(stamped);
            m.setQos(1);
            client.publish("vitalgate/v1/bench-hub/readings", m, null, onAck);
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("raw Paho: only " + acked.get() + " acks");
        }
        double rate = payloads.size() / secs(start);
        System.out.printf("raw Paho: %d publishes acknowledged in %.2f s: %.0f msg/s%n", payloads.size(), secs(start),
                rate);
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return rate;
    }

    /** Diagnostic (-Ddrain.hivemq=true): the HiveMQ client alone, same pattern as raw Paho. */
    private static void rawHiveMq(int port, List<byte[]> payloads, int window) throws Exception {
        com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient c = com.hivemq.client.mqtt.MqttClient.builder()
                .useMqttVersion3().identifier("raw-hivemq-bench").serverHost("127.0.0.1").serverPort(port)
                .executorConfig().nettyThreads(1).applyExecutorConfig().buildAsync();
        c.connect().get(30, TimeUnit.SECONDS);
        Semaphore slots = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(payloads.size());
        long start = System.nanoTime();
        for (byte[] p : payloads) {
            slots.acquire();
            c.publishWith().topic("vitalgate/v1/bench-hub/readings")
                    .qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE)
                    .payload(JsonV1.stampPublished(p, Instant.now())).send()
                    .whenComplete((a, e) -> {
                        slots.release();
                        done.countDown();
                    });
        }
        done.await(5, TimeUnit.MINUTES);
        System.out.printf("raw HiveMQ: %d publishes acknowledged in %.2f s: %.0f msg/s%n", payloads.size(), secs(start),
                payloads.size() / secs(start));
        c.disconnect().get(5, TimeUnit.SECONDS);
    }

    private static List<byte[]> payloads(Path db) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT payload FROM outbox WHERE seq IS NOT NULL ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    private static StatusPayloads status(JsonV1 json, Clock clock) {
        return new StatusPayloads() {
            @Override
            public byte[] online(Instant at) {
                return JsonV1.stampPublished(json.status("online", "bench", at), at);
            }

            @Override
            public byte[] offline() {
                Instant now = clock.instant();
                return JsonV1.stampPublished(json.status("offline", "bench", now), now);
            }
        };
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
