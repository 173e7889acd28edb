package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.uplink.UplinkTestSupport.ROOT;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.vitalgate.store.Lane;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.TcpProxy;

/** In-flight window, publish rate cap, lane priority. */
class MqttUplinkFlowControlIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theWindowIsFilledButNeverExceeded() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TcpProxy proxy = TcpProxy.to(broker.port(), true);
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withWindow(UplinkTestSupport.settings(
                     java.net.URI.create("mqtt://127.0.0.1:" + proxy.port())), 7, OptionalDouble.empty()),
                     outbox, new UplinkTestSupport.RecordingListener())) {
            uplink.start();
            await().atMost(WAIT).until(() -> uplink.state() == UplinkState.CONNECTED);
            proxy.holdDownstream(true);       // no PUBACKs for now
            outbox.addReadings(2000);
            uplink.signal();
            await().atMost(WAIT).until(() -> uplink.status().inflight() == 7);
            assertThat(uplink.status().published()).isEqualTo(7);
            proxy.holdDownstream(false);
            await().atMost(WAIT).until(() -> outbox.confirmedCount() == 2000);
            assertThat(uplink.status().maxInflight()).isEqualTo(7);
            assertThat(uplink.status().published()).isEqualTo(2000);
            assertThat(uplink.status().confirmed()).isEqualTo(2000);
        }
    }

    @Test
    void publishRateIsCapped() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        outbox.addReadings(3000);
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withWindow(
                     UplinkTestSupport.settings(broker.uri()), 100, OptionalDouble.of(200)),
                     outbox, new UplinkTestSupport.RecordingListener())) {
            uplink.start();
            await().atMost(WAIT).until(() -> outbox.confirmedCount() >= 20);
            // One-sided, so a loaded machine cannot fail it: every publish counted between n0 and n1 happened
            // between t0 and t1, and a cap of 200/s (burst 20) allows at most 200 * (t1 - t0) + 20 of them.
            long t0 = System.nanoTime();
            long n0 = uplink.status().published();
            await().atMost(Duration.ofSeconds(60)).until(() -> uplink.status().published() - n0 >= 400);
            long n1 = uplink.status().published();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("rate cap 200/s: %d publishes in %.2f s%n", n1 - n0, seconds);
            assertThat((double) (n1 - n0)).isLessThanOrEqualTo(200 * seconds + 20 + 1);
        }
    }

    @Test
    void clinicalRowsGoBeforeDiagnosticOnesAndEachLaneKeepsItsOrder() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        for (int i = 0; i < 300; i++) {
            outbox.add(Lane.DIAGNOSTIC, "events");
            outbox.add(Lane.CLINICAL, "readings");
        }
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, ROOT + "/+");
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withWindow(
                     UplinkTestSupport.settings(broker.uri()), 10, OptionalDouble.empty()),
                     outbox, new UplinkTestSupport.RecordingListener())) {
            uplink.start();
            List<MqttTestSubscriber.Received> got = sub.awaitMatching(r -> !r.topic().endsWith("/status"), 600, WAIT);
            List<String> topics = got.stream().map(r -> r.topic().substring(ROOT.length() + 1)).toList();
            assertThat(topics.subList(0, 300)).containsOnly("readings");
            assertThat(topics.subList(300, 600)).containsOnly("events");
            List<Long> readingIds = UplinkTestSupport.ids(got.subList(0, 300));
            List<Long> eventIds = UplinkTestSupport.ids(got.subList(300, 600));
            assertThat(readingIds).isSorted().doesNotHaveDuplicates();
            assertThat(eventIds).isSorted().doesNotHaveDuplicates();
            await().atMost(WAIT).until(() -> outbox.confirmedCount() == 600);
        }
    }

    @Test
    void anOutboxReadFailureIsRetriedNotFatal() throws Exception {
        InMemoryOutbox outbox = new InMemoryOutbox();
        outbox.addReadings(10);
        outbox.failReads(true);
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.settings(broker.uri()),
                     outbox, new UplinkTestSupport.RecordingListener())) {
            uplink.start();
            await().atMost(WAIT).until(() -> uplink.status().lastError().orElse("").contains("simulated"));
            assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
            outbox.failReads(false);
            await().atMost(WAIT).until(() -> outbox.confirmedCount() == 10);   // the poll picks it up again
        }
    }
}
