package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.uplink.UplinkTestSupport.ROOT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.TcpProxy;

/** Status topic and will, commands in, transient messages out, user/password rejection. */
class MqttUplinkStatusIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STATUS = ROOT + "/status";

    @TempDir
    Path dir;

    @Test
    void onlineIsRetainedAndAnUncleanLossPublishesTheWill() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TcpProxy proxy = TcpProxy.to(broker.port(), true);
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.settings(
                     java.net.URI.create("mqtt://127.0.0.1:" + proxy.port())), new InMemoryOutbox(),
                     new UplinkTestSupport.RecordingListener())) {
            uplink.start();
            await().atMost(WAIT).until(() -> uplink.state() == UplinkState.CONNECTED);
            try (MqttTestSubscriber late = MqttTestSubscriber.subscribe(broker, STATUS)) {
                MqttTestSubscriber.Received online = late.await(r -> r.text().equals("online"), WAIT);
                assertThat(online.retained()).isTrue();
                assertThat(online.qos()).isEqualTo(1);

                proxy.shut();
                proxy.cutAll();            // the broker loses the agent without a DISCONNECT
                MqttTestSubscriber.Received will = late.await(r -> r.text().startsWith("offline"), WAIT);
                assertThat(will.text()).isEqualTo("offline#1");   // the will registered with the first CONNECT
            }
            try (MqttTestSubscriber after = MqttTestSubscriber.subscribe(broker, STATUS)) {
                assertThat(after.await(r -> true, WAIT).text()).isEqualTo("offline#1");   // retained will
            }
        }
    }

    @Test
    void cleanCloseSendsOfflineItselfAndNoWill() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, STATUS)) {
            MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.settings(broker.uri()), new InMemoryOutbox(),
                    new UplinkTestSupport.RecordingListener());
            uplink.start();
            sub.await(r -> r.text().equals("online"), WAIT);
            uplink.close();
            assertThat(uplink.state()).isEqualTo(UplinkState.CLOSED);
            // the will built at connect was "offline#1"; close() publishes a fresh "offline#2" itself
            assertThat(sub.await(r -> r.text().startsWith("offline"), WAIT).text()).isEqualTo("offline#2");
            // Once the broker has handled the DISCONNECT, a will can no longer be sent; one sent before would
            // reach the subscriber ahead of a marker published after that point. No sleep needed.
            await().atMost(WAIT).until(() -> broker.log().contains("Client vitalgate-hub-it disconnected."));
            sub.publish(STATUS, "marker".getBytes(StandardCharsets.UTF_8));
            sub.await(r -> r.text().equals("marker"), WAIT);
            assertThat(sub.messages(r -> r.text().startsWith("offline"))).hasSize(1);
            assertThat(uplink.publishTransient("health", new byte[] {1})).isFalse();
        }
    }

    @Test
    void closeWhileTheBrokerIsDownIsQuickAndStopsTheUplinkThread() throws Exception {
        // a 10-minute backoff: close() must cut it short, not sit it out
        UplinkSettings s = UplinkTestSupport.settings(java.net.URI.create("mqtt://127.0.0.1:1"));
        UplinkSettings longBackoff = new UplinkSettings(s.broker(), s.hubId(), s.clientId(), s.topicRoot(), s.tls(),
                s.credentialsFile(), s.inflightWindow(), s.maxPublishRate(), s.retainStatus(), s.keepAlive(),
                s.connectTimeout(), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10));
        MqttUplink uplink = UplinkTestSupport.uplink(longBackoff, new InMemoryOutbox(),
                new UplinkTestSupport.RecordingListener());
        uplink.start();
        await().atMost(WAIT).until(() -> uplink.status().lastError().isPresent());
        long started = System.nanoTime();
        uplink.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("far less than the backoff")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(uplink.state()).isEqualTo(UplinkState.CLOSED);
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("uplink") && t.isAlive()));
    }

    @Test
    void commandsArriveOnTheUplinkThreadAndTransientMessagesGoOutOnlyWhenConnected() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, ROOT + "/health");
             MqttUplink uplink = new MqttUplink(UplinkTestSupport.settings(broker.uri()), new InMemoryOutbox(),
                     new UplinkTestSupport.CountingStatus(), PayloadStamper.UNCHANGED,
                     (name, payload) -> received.add(Thread.currentThread().getName() + ":" + name + ":"
                             + new String(payload, StandardCharsets.UTF_8)),
                     UplinkListener.NONE, Clock.systemUTC())) {
            assertThat(uplink.publishTransient("health", "early".getBytes(StandardCharsets.UTF_8))).isFalse();
            uplink.start();
            await().atMost(WAIT).until(() -> uplink.state() == UplinkState.CONNECTED);
            assertThat(uplink.publishTransient("health", "ok".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(sub.await(r -> true, WAIT).text()).isEqualTo("ok");

            MqttClient pub = new MqttClient(broker.plainTcpUri(), "cmd-sender", new MemoryPersistence());
            pub.connect();
            // the subscription is made right after CONNACK; retry until it is in place
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                pub.publish(ROOT + "/cmd/sync-time", "{\"requestId\":\"r1\"}".getBytes(StandardCharsets.UTF_8), 1, false);
                return !received.isEmpty();
            });
            pub.publish(ROOT + "/other/x", new byte[] {1}, 1, false);
            pub.disconnect();
            pub.close();
            assertThat(received.get(0)).isEqualTo("uplink:sync-time:{\"requestId\":\"r1\"}");
            assertThat(received).allMatch(s -> s.startsWith("uplink:sync-time:"));
        }
    }

    @Test
    void wrongPasswordIsRejectedAndTheRightOneConnects() throws Exception {
        Path passwords = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), "hub-it", "right-pw")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        Path wrong = Files.writeString(dir.resolve("wrong"), "hub-it\nwrong-pw-XYZ\n");
        Path right = Files.writeString(dir.resolve("right"), "hub-it\nright-pw\n");
        try (MosquittoBroker broker = MosquittoBroker.plain()
                .withConfig("allow_anonymous false", "password_file " + passwords).start()) {
            var listener = new UplinkTestSupport.RecordingListener();
            try (MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withCredentials(
                    UplinkTestSupport.settings(broker.uri()), wrong), new InMemoryOutbox(), listener)) {
                uplink.start();
                await().atMost(WAIT).until(() -> !listener.rejections.isEmpty());
                ConnectFailure f = listener.rejections.get(0);
                assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
                assertThat(f.reason()).containsAnyOf("NOT_AUTHORIZED", "BAD_USER_NAME_OR_PASSWORD")
                        .doesNotContain("wrong-pw-XYZ");
                assertThat(uplink.state()).isIn(UplinkState.REJECTED, UplinkState.CONNECTING);
            }
            InMemoryOutbox outbox = new InMemoryOutbox();
            outbox.addReadings(3);
            try (MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withCredentials(
                    UplinkTestSupport.settings(broker.uri()), right), outbox, new UplinkTestSupport.RecordingListener())) {
                uplink.start();
                await().atMost(WAIT).until(() -> outbox.confirmedCount() == 3);
            }
        }
    }
}
