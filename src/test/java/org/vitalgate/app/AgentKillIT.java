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
import org.vitalgate.testing.TcpProxy;

/**
 * The agent process is killed with SIGKILL mid-stream, several times, and restarted: every reading that was
 * accepted (committed to the store) before a kill reaches the broker; re-sends carry the same id for the same
 * seq; seq has no gaps. Then SIGTERM stops it cleanly and the retained status says offline.
 *
 * <p>The agent reaches the broker through a {@link TcpProxy}, so each round is killed in a different state:
 * connected and delivering; cut off from the broker (readings pile up unsent); and connected with the broker's
 * PUBACKs withheld (readings published but never confirmed). The last two leave unconfirmed rows that only the
 * restarted agent can deliver.
 */
class AgentKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "vitalgate/v1/it-hub";

    @TempDir
    Path dir;

    @Test
    void everyAcceptedReadingSurvivesKillDashNine() throws Exception {
        Random random = new Random(42);
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TcpProxy proxy = TcpProxy.to(broker.port(), true);
             MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/readings")) {
            Path db = dir.resolve("state/vitalgate.db");
            Path config = writeConfig(proxy.port(), db);
            Path log = dir.resolve("agent.log");
            Set<String> accepted = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                proxy.open();
                proxy.holdDownstream(false);
                if (round == 1) {
                    proxy.shut();                                      // broker unreachable this round
                }
                try (AgentProcess agent = AgentProcess.start(config, log)) {
                    long before = count(db);
                    if (round == 0) {
                        awaitLogCount(agent, "uplink connected", 1);  // a loaded machine may not connect before the kill
                    }
                    if (round == 2) {
                        awaitLogCount(agent, "uplink connected", 2);  // round 0 connected once before
                        proxy.holdDownstream(true);                    // PUBACKs withheld from now on
                    }
                    awaitRowsBeyond(db, before + 20, agent);
                    Thread.sleep(200 + random.nextInt(800));
                    agent.kill();
                }
                proxy.cutAll();
                accepted.addAll(readingIds(db));
            }
            proxy.holdDownstream(false);
            proxy.open();
            assertThat(accepted).hasSizeGreaterThan(60);
            assertThat(unconfirmed(db)).as("rows left unconfirmed by the kills").isPositive();

            try (AgentProcess agent = AgentProcess.start(config, log)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!receivedIds(backend).containsAll(accepted) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                // SIGTERM only once the agent is fully up (a JVM killed while starting has nothing to stop)
                awaitLogCount(agent, "started: hub", 4);
                int exit = agent.terminate(Duration.ofSeconds(20));
                assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(agent.log()).contains("stopping: intake first").contains("INFO Agent - stopped");
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

            // the clean stop published a retained offline status (a SIGKILL leaves the will, also offline)
            try (MqttTestSubscriber status = MqttTestSubscriber.subscribe(broker, ROOT + "/status")) {
                MqttTestSubscriber.Received last = status.await(r -> r.retained(), Duration.ofSeconds(5));
                PayloadSchemas.assertValid(PayloadSchemas.Kind.STATUS, last.payload());
                assertThat(JSON.readTree(last.payload()).path("state").asText()).isEqualTo("offline");
            }
        }
    }

    private Path writeConfig(int port, Path db) throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                hubId: it-hub
                mqtt:
                  broker: mqtt://127.0.0.1:%d
                  backoffMin: 200ms
                  backoffMax: 1s
                store:
                  path: %s
                simulation:
                  enabled: true
                  interval: 150ms
                healthInterval: 5s
                logLevel: info
                ble:
                  enabled: false
                """.formatted(port, db));
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

    /** Waits until {@code text} occurs at least {@code n} times in the (shared, appended) log. */
    private static void awaitLogCount(AgentProcess agent, String text, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (occurrences(agent.log(), text) < n) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + n + " x '" + text + "' in the agent log:\n" + agent.log());
            }
            Thread.sleep(50);
        }
    }

    private static int occurrences(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    private static long count(Path db) throws Exception {
        return readingIds(db).size();
    }

    /** Reading ids committed in the store, read the way an auditor would: straight from the file. */
    private static Set<String> readingIds(Path db) throws Exception {
        Set<String> ids = new HashSet<>();
        query(db, "SELECT reading_id FROM outbox WHERE reading_id IS NOT NULL", rs -> ids.add(rs.getString(1)));
        return ids;
    }

    private static long unconfirmed(Path db) throws Exception {
        long[] n = {0};
        query(db, "SELECT count(*) FROM outbox WHERE reading_id IS NOT NULL AND confirmed_at IS NULL",
                rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private interface Row {
        void accept(ResultSet rs) throws java.sql.SQLException;
    }

    private static void query(Path db, String sql, Row row) throws Exception {
        if (!Files.exists(db)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (java.sql.SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no such table")) {
                throw e;
            }
        }
    }

    private static Set<String> receivedIds(MqttTestSubscriber backend) throws Exception {
        Set<String> ids = new HashSet<>();
        for (MqttTestSubscriber.Received m : backend.messages()) {
            ids.add(JSON.readTree(m.payload()).path("id").asText());
        }
        return ids;
    }
}
