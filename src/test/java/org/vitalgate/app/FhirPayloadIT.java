package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.store.OutboxStats;
import org.vitalgate.store.StoreException;
import org.vitalgate.testing.FhirValidation;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.uplink.payload.FhirR4;

/**
 * End to end with {@code mqtt.payload: fhir-r4}: the real agent (simulated home: cuff, oximeter, scale,
 * glucometer, thermometer), a real SQLite store and a real Mosquitto. Every reading arrives on the readings topic
 * as a FHIR R4 transaction Bundle that validates (R4 core + Vital Signs, offline HAPI validator), carries the
 * reading id and a gap-free seq, and fits the broker limit; health stays JSON v1.
 */
class FhirPayloadIT {
    private static final String HUB = "fhir-hub";
    private static final String ROOT = "vitalgate/v1/" + HUB;

    @TempDir
    Path dir;

    @Test
    void readingsArriveAtTheBrokerAsValidFhirBundles() throws Exception {
        FhirValidation validation = FhirValidation.get(); // slow to build: before the agent runs
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/readings")) {
            String yaml = TestAgent.yaml(HUB, broker.port(), dir.resolve("vitalgate.db"), "150ms", "")
                    .replace("mqtt:\n", "mqtt:\n  payload: fhir-r4\n  fhirPatientSystem: urn:oid:2.16.840.1.113883.3.999\n");
            try (TestAgent running = TestAgent.start(TestAgent.config(dir, yaml))) {
                Agent agent = running.agent();
                TestAgent.await("readings of every simulated device", Duration.ofSeconds(60),
                        () -> backend.messages().size() >= 15);
                agent.stopIntake();
                long lastSeq = agent.store().stats().lastSeq();
                TestAgent.await("every accepted reading confirmed", Duration.ofSeconds(30), () -> pending(agent) == 0);
                List<MqttTestSubscriber.Received> got = backend.awaitCount((int) lastSeq, Duration.ofSeconds(10));

                Map<Long, String> idsBySeq = new LinkedHashMap<>();
                Set<String> codes = new TreeSet<>();
                Map<String, Integer> largest = new TreeMap<>();
                for (MqttTestSubscriber.Received m : got) {
                    JsonNode b = TestAgent.json(m);
                    assertThat(b.get("resourceType").asText()).isEqualTo("Bundle");
                    assertThat(b.get("type").asText()).isEqualTo("transaction");
                    assertThat(b.has("timestamp")).as("publish time stamped").isTrue();
                    assertThat(validation.errors(m.payload())).as(m.text())
                            .extracting(FhirValidation::describe).isEmpty();
                    assertThat(m.payload().length).isLessThan(FhirR4.MAX_PAYLOAD_BYTES);
                    long seq = b.at("/meta/extension/0/valueDecimal").asLong();
                    idsBySeq.putIfAbsent(seq, b.at("/identifier/value").asText());
                    String code = b.at("/entry/2/resource/code/coding/0/code").asText();
                    b.get("entry").forEach(e -> {
                        if (e.at("/resource/resourceType").asText().equals("Observation")) {
                            String obsCode = e.at("/resource/code/coding/0/code").asText();
                            codes.add(obsCode);
                            if (!obsCode.equals("67975")) { // a coincident time stamp's subject is the device
                                assertThat(e.at("/resource/subject/reference").asText()).isEqualTo(
                                        "Patient?identifier=urn%3Aoid%3A2.16.840.1.113883.3.999|simulated-patient");
                            }
                        }
                    });
                    largest.merge(code, m.payload().length, Math::max);
                }
                assertThat(TestAgent.missingSeqs(idsBySeq, lastSeq)).as("seq gaps").isEmpty();
                assertThat(codes).as("MDC codes seen").contains("150020", "150456", "188736", "150364");
                assertThat(codes.stream().anyMatch(c -> c.startsWith("1601"))).as("glucose").isTrue();
                System.out.println("fhir-r4 end to end: " + got.size() + " Bundles; largest per first-entry code: "
                        + largest);
            }
        }
    }

    private static long pending(Agent agent) {
        try {
            OutboxStats s = agent.store().stats();
            return s.pendingReadings();
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }
}
