package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.store.OutboxStats;
import org.vitalgate.store.StoreException;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.testing.TcpProxy;
import org.vitalgate.uplink.UplinkState;

/**
 * Store-and-forward at the agent level: the real agent (in this JVM), its simulated home, a real SQLite file and
 * a real Mosquitto. The agent reaches the broker only through a {@link TcpProxy} whose gate the test opens, so
 * the test's subscriber is attached before the agent can possibly connect (no race).
 */
class StoreAndForwardIT {
    private static final String HUB = "saf-hub";
    private static final String ROOT = "vitalgate/v1/" + HUB;

    @TempDir
    Path dir;

    @Test
    void brokerUnreachableAtStartReadingsWaitInTheOutboxThenArriveInSeqOrder() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TcpProxy proxy = TcpProxy.to(broker.port(), false)) {
            Path db = dir.resolve("state/vitalgate.db");
            try (TestAgent running = TestAgent.start(TestAgent.config(dir,
                    TestAgent.yaml(HUB, proxy.port(), db, "100ms", "")))) {
                Agent agent = running.agent();
                TestAgent.await("30 readings stored while the broker is unreachable", Duration.ofSeconds(20),
                        () -> pending(agent) >= 30);
                // a loaded machine can take seconds over the client's first connect: wait for it, don't assume it
                TestAgent.await("the agent tried the unreachable broker", Duration.ofSeconds(20),
                        () -> proxy.acceptedConnections() > 0);
                assertThat(agent.uplink().state()).isNotEqualTo(UplinkState.CONNECTED);
                Instant gateOpened;
                try (MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/readings")) {
                    gateOpened = Instant.now();
                    proxy.open();
                    TestAgent.await("the backlog delivered", Duration.ofSeconds(20), () -> backend.count() >= 30);
                    agent.stopIntake();                                // a finite set from here on
                    // ingest hands its last frames to the store writer, which commits them a moment later: the set is
                    // final once two polls in a row see the same last seq with nothing left unconfirmed
                    long[] seen = {-1};
                    TestAgent.await("every accepted reading committed and confirmed", Duration.ofSeconds(20), () -> {
                        OutboxStats s = stats(agent);
                        boolean settled = s.pendingReadings() == 0 && s.lastSeq() == seen[0];
                        seen[0] = s.lastSeq();
                        return settled;
                    });
                    long lastSeq = seen[0];
                    List<MqttTestSubscriber.Received> got = backend.awaitCount((int) lastSeq, Duration.ofSeconds(10));

                    long previous = 0;
                    int forwarded = 0;
                    for (MqttTestSubscriber.Received m : got) {
                        PayloadSchemas.assertValid(PayloadSchemas.Kind.READING, m.payload());
                        JsonNode n = TestAgent.json(m);
                        long seq = n.path("seq").asLong();
                        assertThat(seq).as("arrival order is seq order").isGreaterThan(previous);
                        previous = seq;
                        Instant received = Instant.parse(n.at("/time/received").asText());
                        Instant published = Instant.parse(n.at("/time/published").asText());
                        assertThat(published).isAfterOrEqualTo(received);
                        if (received.isBefore(gateOpened)) {
                            forwarded++;
                            assertThat(published).as("stored readings are stamped when finally published")
                                    .isAfterOrEqualTo(gateOpened.minusMillis(5));
                        }
                    }
                    assertThat(forwarded).as("readings taken during the outage").isGreaterThanOrEqualTo(30);
                    Map<Long, String> bySeq = TestAgent.idsBySeq(got);
                    assertThat(TestAgent.missingSeqs(bySeq, lastSeq)).as("seq gaps").isEmpty();
                    assertThat(bySeq).hasSize((int) lastSeq);
                }
            }
        }
    }

    private static long pending(Agent agent) {
        return stats(agent).pendingReadings();
    }

    private static OutboxStats stats(Agent agent) {
        try {
            return agent.store().stats();
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }
}
