package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.PayloadSchemas;

/**
 * The agent process is killed with SIGKILL mid-stream, several times, and restarted: every reading that was
 * accepted (committed to the store) before a kill reaches the broker; re-sends carry the same id for the same
 * seq; seq has no gaps. Then SIGTERM stops it cleanly.
 */
class AgentKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyAcceptedReadingSurvivesKillDashNine() throws Exception {
        Random random = new Random(42);
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, "vitalgate/v1/it-hub/readings")) {
            Path db = dir.resolve("state/vitalgate.db");
            Path config = writeConfig(broker, db);
            Set<String> accepted = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                try (AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"))) {
                    long before = count(db);
                    awaitRowsBeyond(db, before + 20, agent);
                    Thread.sleep(200 + random.nextInt(800));
                    agent.kill();
                }
                accepted.addAll(readingIds(db));
            }
            assertThat(accepted).hasSizeGreaterThan(60);

            try (AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!receivedIds(backend).containsAll(accepted) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                int exit = agent.terminate(Duration.ofSeconds(20));
                assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(agent.log()).contains("stopped");
            }
            Set<String> received = receivedIds(backend);
            assertThat(received).as("accepted before a kill, never delivered").containsAll(accepted);

            Map<Long, String> idBySeq = new HashMap<>();
            long maxSeq = 0;
            for (MqttTestSubscriber.Received m : backend.messages()) {
                PayloadSchemas.assertValid(PayloadSchemas.Kind.READING, m.payload());
                JsonNode n = JSON.readTree(m.payload());
                long seq = n.path("seq").asLong();
                String id = n.path("id").asText();
                String earlier = idBySeq.putIfAbsent(seq, id);
                assertThat(earlier == null || earlier.equals(id)).as("seq %d re-sent with another id", seq).isTrue();
                maxSeq = Math.max(maxSeq, seq);
            }
            for (long s = 1; s <= maxSeq; s++) {
                assertThat(idBySeq).as("gap at seq %d", s).containsKey(s);
            }
        }
    }

    private Path writeConfig(MosquittoBroker broker, Path db) throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                hubId: it-hub
                mqtt:
                  broker: %s
                  backoffMin: 200ms
                  backoffMax: 2s
                store:
                  path: %s
                simulation:
                  enabled: true
                  interval: 150ms
                healthInterval: 5s
                logLevel: info
                ble:
                  enabled: false
                """.formatted(broker.plainTcpUri().replace("tcp://", "mqtt://"), db));
        return config;
    }

    private static void awaitRowsBeyond(Path db, long rows, AgentProcess agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(db) < rows) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("agent produced no readings; log:\n" + agent.log());
            }
            Thread.sleep(100);
        }
    }

    private static long count(Path db) throws Exception {
        return readingIds(db).size();
    }

    /** Reading ids committed in the store, read the way an auditor would: straight from the file. */
    private static Set<String> readingIds(Path db) throws Exception {
        Set<String> ids = new HashSet<>();
        if (!Files.exists(db)) {
            return ids;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT reading_id FROM outbox WHERE reading_id IS NOT NULL")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no such table")) {
                throw e;
            }
        }
        return ids;
    }

    private static Set<String> receivedIds(MqttTestSubscriber backend) throws Exception {
        Set<String> ids = new HashSet<>();
        for (MqttTestSubscriber.Received m : backend.messages()) {
            ids.add(JSON.readTree(m.payload()).path("id").asText());
        }
        return ids;
    }
}
