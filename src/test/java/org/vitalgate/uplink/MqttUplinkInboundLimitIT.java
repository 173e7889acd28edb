package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.uplink.UplinkTestSupport.ROOT;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vitalgate.testing.MosquittoBroker;

/**
 * What the hub receives is bounded: an inbound packet above {@link MqttUplink#MAX_INBOUND_PACKET_BYTES} never
 * reaches the command handler (nor the hub's memory); the uplink reconnects and commands work again. A real
 * Mosquitto without any broker-side limit (the worst case for MQTT 3.1.1).
 */
class MqttUplinkInboundLimitIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final MosquittoBroker broker = MosquittoBroker.plain();

    @Test
    void anOversizedCommandNeverReachesTheHandler() throws Exception {
        broker.start();
        List<String> received = new CopyOnWriteArrayList<>();
        try (MqttUplink uplink = new MqttUplink(UplinkTestSupport.settings(broker.uri()), new InMemoryOutbox(),
                new UplinkTestSupport.CountingStatus(), PayloadStamper.UNCHANGED,
                (name, payload) -> received.add(name + ":" + payload.length), UplinkListener.NONE,
                Clock.systemUTC())) {
            uplink.start();
            await().atMost(WAIT).until(() -> uplink.state() == UplinkState.CONNECTED);
            MqttClient pub = new MqttClient(broker.plainTcpUri(), "cmd-sender", new MemoryPersistence());
            pub.connect();
            try {
                byte[] small = "{\"requestId\":\"r1\"}".getBytes(StandardCharsets.UTF_8);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                    pub.publish(ROOT + "/cmd/ping", small, 1, false);
                    return !received.isEmpty();
                });
                received.clear();
                long connects = uplink.status().connects();

                pub.publish(ROOT + "/cmd/ping", new byte[MqttUplink.MAX_INBOUND_PACKET_BYTES + 1], 1, false);
                // the hub drops the connection at the oversized packet's header and connects again
                await().atMost(WAIT).until(() -> uplink.status().connects() > connects
                        && uplink.state() == UplinkState.CONNECTED);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                    pub.publish(ROOT + "/cmd/ping", small, 1, false);
                    return !received.isEmpty();
                });
                assertThat(received).as("only small commands were delivered").allMatch(s -> s.equals("ping:" + small.length));
                assertThat(uplink.status().lastError()).hasValueSatisfying(e -> assertThat(e).contains("maximum packet size"));
            } finally {
                pub.disconnect();
                pub.close();
            }
        }
    }
}
