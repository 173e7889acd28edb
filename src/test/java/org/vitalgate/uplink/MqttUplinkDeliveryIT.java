package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.uplink.UplinkTestSupport.ROOT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.vitalgate.store.Lane;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.RawQos0Subscriber;
import org.vitalgate.testing.TcpProxy;

/** Delivery through outages: every row arrives and is confirmed, in order per session. */
class MqttUplinkDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void rowsWaitingWhileTheBrokerIsDownAreDeliveredInOrderOnceItIsUp() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        outbox.addReadings(500);
        var listener = new UplinkTestSupport.RecordingListener();
        try (MosquittoBroker broker = MosquittoBroker.plain();
             TcpProxy proxy = TcpProxy.to(broker.port(), false);
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.settings(
                     java.net.URI.create("mqtt://127.0.0.1:" + broker.port())), outbox, listener)) {
            // really down: nothing listens on the port
            uplink.start();
            await().atMost(WAIT).until(() -> uplink.status().lastError().orElse("").contains("refused"));
            assertThat(uplink.state()).isIn(UplinkState.BACKOFF, UplinkState.CONNECTING);
            assertThat(outbox.pendingCount()).isEqualTo(500);
        }

        try (MosquittoBroker broker = MosquittoBroker.plain();
             TcpProxy proxy = TcpProxy.to(broker.port(), false);
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.settings(
                     java.net.URI.create("mqtt://127.0.0.1:" + proxy.port())), outbox, listener)) {
            uplink.start();
            await().atMost(WAIT).until(() -> proxy.acceptedConnections() >= 3);   // several failed attempts
            broker.start();
            try (MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, ROOT + "/readings")) {
                proxy.open();
                List<MqttTestSubscriber.Received> got = sub.awaitCount(500, WAIT);
                assertThat(UplinkTestSupport.ids(got)).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 500).boxed().toList());
                await().atMost(WAIT).until(() -> outbox.confirmedCount() == 500);
                // a new row after the backlog goes out on signal
                long id = outbox.add(Lane.CLINICAL, "readings");
                uplink.signal();
                assertThat(UplinkTestSupport.idOf(sub.awaitCount(501, WAIT).get(500))).isEqualTo(id);
                assertThat(outbox.pendingQueries()).isLessThan(100);   // chunked reads, not one per row
            }
        }
    }

    @Test
    void brokerKilledMidStreamThreeTimesLosesNothing() throws Exception {
        int total = 3000;
        InMemoryOutbox outbox = new InMemoryOutbox();
        var listener = new UplinkTestSupport.RecordingListener();
        List<List<MqttTestSubscriber.Received>> sessions = new ArrayList<>();
        // Watched by a raw QoS 0 subscriber: a SIGKILLed mosquitto loses what it still holds for a QoS 1
        // subscriber, and Paho drops what is queued for its callback, although the broker had rightly
        // acknowledged it to the uplink (at-least-once is to the broker).
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TcpProxy proxy = TcpProxy.to(broker.port(), true);
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.settings(
                     java.net.URI.create("mqtt://127.0.0.1:" + proxy.port())), outbox, listener)) {
            RawQos0Subscriber sub = RawQos0Subscriber.subscribe(broker.port(), ROOT + "/readings");
            try {
                uplink.start();
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < total / 20; i++) {
                        for (int j = 0; j < 20; j++) {
                            outbox.add(Lane.CLINICAL, "readings");
                        }
                        uplink.signal();
                        sleep(4);
                    }
                }, "test-producer");
                producer.start();
                for (int kill = 1; kill <= 3; kill++) {
                    int threshold = Math.min(outbox.confirmedCount() + 400, total - 100);
                    await().atMost(WAIT).until(() -> outbox.confirmedCount() >= threshold);
                    proxy.holdDownstream(true);    // PUBACKs held back: the window fills with unconfirmed rows
                    await().atMost(WAIT).until(() -> uplink.status().inflight() == 100
                            || uplink.status().inflight() == outbox.pendingCount());   // or all that is left
                    proxy.shut();                  // the uplink must not reconnect before the subscriber
                    broker.kill();
                    proxy.cutAll();
                    proxy.holdDownstream(false);
                    sessions.add(sub.awaitEnd(5000));
                    sub.close();
                    broker.start();
                    sub = RawQos0Subscriber.subscribe(broker.port(), ROOT + "/readings");
                    proxy.open();
                }
                producer.join();
                uplink.signal();
                await().atMost(WAIT).until(() -> outbox.confirmedCount() == total);
                RawQos0Subscriber last = sub;
                await().atMost(WAIT).until(() -> allIds(sessions, last.messages()).size() == total);
                sessions.add(sub.messages());
            } finally {
                sub.close();
            }
            assertThat(outbox.pendingCount()).isZero();
            assertThat(uplink.status().connectionsLost()).isGreaterThanOrEqualTo(3);
            assertThat(uplink.status().maxInflight()).isEqualTo(100);
        }
        Set<Long> all = new TreeSet<>();
        java.util.Map<Long, String> firstPayload = new java.util.HashMap<>();
        int duplicates = 0;
        for (List<MqttTestSubscriber.Received> session : sessions) {
            List<Long> ids = UplinkTestSupport.ids(session);
            for (int i = 1; i < ids.size(); i++) {
                // within one broker incarnation (one uplink session) ids are consecutive: in order, no gap
                assertThat(ids.get(i)).as("session order at %d", i).isEqualTo(ids.get(i - 1) + 1);
            }
            for (MqttTestSubscriber.Received r : session) {
                long id = UplinkTestSupport.idOf(r);
                String unstamped = r.text().replaceAll(",\"publishedAt\":\"[^\"]*\"", "");
                if (!all.add(id)) {
                    duplicates++;
                    assertThat(unstamped).as("re-sent payload of %d", id).isEqualTo(firstPayload.get(id));
                } else {
                    firstPayload.put(id, unstamped);
                }
            }
        }
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(duplicates).as("rows in flight at each kill are re-sent").isGreaterThanOrEqualTo(3);
        System.out.printf("kill/restart x3: %d rows, %d duplicates re-sent after reconnects%n", total, duplicates);
    }

    private static Set<Long> allIds(List<List<MqttTestSubscriber.Received>> sessions,
                                    List<MqttTestSubscriber.Received> current) {
        Set<Long> all = sessions.stream().flatMap(List::stream).map(UplinkTestSupport::idOf)
                .collect(Collectors.toCollection(TreeSet::new));
        current.forEach(r -> all.add(UplinkTestSupport.idOf(r)));
        return all;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
