package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.uplink.UplinkState;

/**
 * What the platform sees of a running agent besides readings: the retained {@code status}, the periodic
 * {@code health}, and answers to remote commands on {@code cmd-result/{requestId}}. The real agent in this JVM,
 * a real Mosquitto; every message checked against its JSON schema.
 */
class RemoteControlIT {
    private static final String HUB = "ctl-hub";
    private static final String ROOT = "vitalgate/v1/" + HUB;

    @TempDir
    Path dir;

    @Test
    void statusHealthAndCommands() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/#")) {
            try (TestAgent agent = TestAgent.start(TestAgent.config(dir, TestAgent.yaml(HUB, broker.port(),
                    dir.resolve("vitalgate.db"), "500ms", "healthInterval: 1s\n")))) {
                // status: online, retained for whoever subscribes later
                backend.await(m -> m.topic().equals(ROOT + "/status"), Duration.ofSeconds(10));
                try (MqttTestSubscriber late = MqttTestSubscriber.subscribe(broker, ROOT + "/status")) {
                    MqttTestSubscriber.Received status = late.await(MqttTestSubscriber.Received::retained,
                            Duration.ofSeconds(5));
                    PayloadSchemas.assertValid(PayloadSchemas.Kind.STATUS, status.payload());
                    assertThat(TestAgent.json(status).path("state").asText()).isEqualTo("online");
                    assertThat(TestAgent.json(status).path("hubId").asText()).isEqualTo(HUB);
                }

                // commands: ping, status, unknown, and malformed requests that must not break anything
                backend.publish(ROOT + "/cmd/ping", bytes("{\"requestId\":\"r1\"}"));
                JsonNode pong = result(backend, "r1");
                assertThat(pong.path("ok").asBoolean()).isTrue();
                assertThat(pong.path("requestId").asText()).isEqualTo("r1");

                backend.publish(ROOT + "/cmd/reboot", bytes("{\"requestId\":\"r2\"}"));
                JsonNode unknown = result(backend, "r2");
                assertThat(unknown.path("ok").asBoolean()).isFalse();
                assertThat(unknown.path("message").asText()).contains("unknown command").contains("reboot");

                backend.publish(ROOT + "/cmd/ping", bytes("not json {"));
                backend.publish(ROOT + "/cmd/ping", bytes("{\"requestId\":5}"));
                backend.publish(ROOT + "/cmd/ping", bytes("{\"requestId\":\"a/b#+\"}"));
                backend.publish(ROOT + "/cmd/ping", new byte[0]);
                backend.publish(ROOT + "/cmd/ping", bytes("[]"));
                backend.publish(ROOT + "/cmd/ping", bytes("{\"requestId\":\"_under\"}"));
                backend.publish(ROOT + "/cmd/" + "x".repeat(5000), bytes("{\"requestId\":\"r4\"}"));
                backend.publish(ROOT + "/cmd/status", bytes("{\"requestId\":\"r3\"}"));
                JsonNode status = result(backend, "r3");
                assertThat(status.path("ok").asBoolean()).as("still answering after malformed requests").isTrue();
                assertThat(status.at("/details/uplinkState").asText()).isEqualTo("connected");
                assertThat(status.at("/details/lastSeq").asLong()).isNotNegative();
                JsonNode badName = result(backend, "r4");
                assertThat(badName.at("/details/reason").asText()).isEqualTo("command-name-invalid");
                List<MqttTestSubscriber.Received> invalid = backend.awaitMatching(
                        m -> m.topic().equals(ROOT + "/cmd-result/_invalid"), 6, Duration.ofSeconds(10));
                for (MqttTestSubscriber.Received m : invalid) {
                    PayloadSchemas.assertValid(PayloadSchemas.Kind.COMMAND_RESULT, m.payload());
                    assertThat(TestAgent.json(m).path("ok").asBoolean()).isFalse();
                }
                assertThat(invalid).extracting(m -> TestAgent.json(m).at("/details/reason").asText())
                        .as("requests without a usable request id are answered on cmd-result/_invalid")
                        .containsExactly("payload-not-json", "request-id-invalid", "request-id-invalid",
                                "payload-not-json", "payload-not-object", "request-id-invalid");
                assertThat(agent.agent().uplink().state().name()).isEqualTo("CONNECTED");

                // health: periodic (1 s here), valid, with the outbox figures
                List<MqttTestSubscriber.Received> health = backend.awaitMatching(
                        m -> m.topic().equals(ROOT + "/health"), 3, Duration.ofSeconds(10));
                Instant previous = Instant.MIN;
                for (MqttTestSubscriber.Received h : health) {
                    PayloadSchemas.assertValid(PayloadSchemas.Kind.HEALTH, h.payload());
                    JsonNode n = TestAgent.json(h);
                    assertThat(n.path("hubId").asText()).isEqualTo(HUB);
                    assertThat(n.at("/outbox/lastSeq").isIntegralNumber()).isTrue();
                    Instant t = Instant.parse(n.at("/time/at").asText());
                    assertThat(t).as("each health snapshot is a new one").isAfter(previous);
                    previous = t;
                }
                assertThat(TestAgent.json(health.get(health.size() - 1)).path("uplink").asText())
                        .isEqualTo("connected");
            }
            // a clean stop leaves offline retained
            MqttTestSubscriber.Received last = backend.await(m -> m.topic().equals(ROOT + "/status")
                    && TestAgent.json(m).path("state").asText().equals("offline"), Duration.ofSeconds(10));
            PayloadSchemas.assertValid(PayloadSchemas.Kind.STATUS, last.payload());
        }
    }

    /**
     * Each reconnect is a new clean session: the agent must subscribe again and deliver the commands of the new
     * session to its handler (before the fix, only the first session's commands reached it).
     */
    @Test
    void commandsAreAnsweredAfterEachBrokerRestart() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TestAgent agent = TestAgent.start(TestAgent.config(dir, TestAgent.yaml(HUB, broker.port(),
                     dir.resolve("vitalgate.db"), "1s", "")))) {
            for (int restart = 0; restart <= 3; restart++) {
                if (restart > 0) {
                    long connects = agent.agent().uplink().status().connects();
                    broker.stop();
                    broker.start();
                    await().atMost(Duration.ofSeconds(30)).until(() -> agent.agent().uplink().status().connects()
                            > connects && agent.agent().uplink().state() == UplinkState.CONNECTED);
                }
                String requestId = "after-restart-" + restart;
                try (MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/cmd-result/#")) {
                    // the agent subscribes right after CONNACK: ask again until the answer comes (or time out)
                    await("answer to ping " + requestId).atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(500)).until(() -> {
                                backend.publish(ROOT + "/cmd/ping", bytes("{\"requestId\":\"" + requestId + "\"}"));
                                return !backend.messages(m -> m.topic().endsWith("/" + requestId)).isEmpty();
                            });
                    assertThat(result(backend, requestId).path("ok").asBoolean()).isTrue();
                }
            }
        }
    }

    private static JsonNode result(MqttTestSubscriber backend, String requestId) {
        MqttTestSubscriber.Received m = backend.await(r -> r.topic().equals(ROOT + "/cmd-result/" + requestId),
                Duration.ofSeconds(10));
        PayloadSchemas.assertValid(PayloadSchemas.Kind.COMMAND_RESULT, m.payload());
        return TestAgent.json(m);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
