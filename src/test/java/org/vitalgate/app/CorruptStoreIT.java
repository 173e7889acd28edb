package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.testing.TcpProxy;

/**
 * A damaged store file at agent start is moved aside (never deleted), a {@code store-quarantined} event goes out
 * on {@code .../events}, and the agent carries on with a fresh store: readings are stored and delivered.
 */
class CorruptStoreIT {
    private static final String HUB = "corrupt-hub";
    private static final String ROOT = "vitalgate/v1/" + HUB;

    @TempDir
    Path dir;

    @Test
    void randomBytesAreQuarantinedAndTheAgentCarriesOn() throws Exception {
        Path db = Files.createDirectories(dir.resolve("state")).resolve("vitalgate.db");
        byte[] garbage = new byte[48 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(db, garbage);

        Path quarantined = startOnDamagedStore(db);
        assertThat(Files.readAllBytes(quarantined)).as("the damaged file is kept byte for byte").isEqualTo(garbage);
    }

    @Test
    void aTruncatedStoreIsQuarantinedAndTheAgentCarriesOn() throws Exception {
        Path db = dir.resolve("state/vitalgate.db");
        // a real store with readings in it, written by the agent while the broker was unreachable
        try (TcpProxy nowhere = TcpProxy.to(1, false);
             TestAgent first = TestAgent.start(TestAgent.config(dir, TestAgent.yaml(HUB, nowhere.port(), db, "50ms",
                     "")))) {
            TestAgent.await("100 readings stored", Duration.ofSeconds(20),
                    () -> stats(first).pendingReadings() >= 100);
        }
        assertThat(db.resolveSibling("vitalgate.db-wal")).as("checkpointed at close").doesNotExist();
        long size = Files.size(db);
        assertThat(size).isGreaterThan(6 * 4096);
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);                 // a power cut in the middle of a copy, a bad SD card …
        }
        byte[] truncated = Files.readAllBytes(db);

        Path quarantined = startOnDamagedStore(db);
        assertThat(Files.readAllBytes(quarantined)).isEqualTo(truncated);
    }

    /** Starts the agent on {@code db}, checks quarantine, event and delivery; returns the quarantined file. */
    private Path startOnDamagedStore(Path db) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/#")) {
            AgentConfig config = TestAgent.config(dir, TestAgent.yaml(HUB, broker.port(), db, "100ms", ""));
            Path quarantined;
            try (TestAgent agent = TestAgent.start(config)) {
                assertThat(agent.agent().store().quarantinedTo()).isPresent();
                quarantined = agent.agent().store().quarantinedTo().get();

                MqttTestSubscriber.Received event = backend.await(m -> m.topic().equals(ROOT + "/events")
                        && TestAgent.json(m).path("type").asText().equals("store-quarantined"), Duration.ofSeconds(15));
                PayloadSchemas.assertValid(PayloadSchemas.Kind.EVENT, event.payload());
                JsonNode attributes = TestAgent.json(event).path("attributes");
                assertThat(attributes.path("quarantinedTo").asText()).isEqualTo(quarantined.toString());
                assertThat(attributes.path("reason").asText()).isNotBlank();

                List<MqttTestSubscriber.Received> readings = backend.awaitMatching(
                        m -> m.topic().equals(ROOT + "/readings"), 10, Duration.ofSeconds(15));
                readings.forEach(m -> PayloadSchemas.assertValid(PayloadSchemas.Kind.READING, m.payload()));
                assertThat(TestAgent.json(readings.get(0)).path("seq").asLong()).as("the fresh store starts at 1")
                        .isEqualTo(1);
            }
            assertThat(quarantined).exists().hasParent(db.getParent());
            assertThat(quarantined.getFileName().toString()).startsWith("vitalgate.db.corrupt-");
            assertThat(db).as("a fresh store in its place").exists();
            try (Stream<Path> files = Files.list(db.getParent())) {
                assertThat(files.filter(p -> p.getFileName().toString().contains(".corrupt-")
                        && !p.toString().endsWith("-wal") && !p.toString().endsWith("-shm"))).hasSize(1);
            }
            return quarantined;
        }
    }

    private static org.vitalgate.store.OutboxStats stats(TestAgent agent) {
        try {
            return agent.agent().store().stats();
        } catch (org.vitalgate.store.StoreException e) {
            throw new AssertionError(e);
        }
    }

}
