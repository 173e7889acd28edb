package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.cli.Main;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.testing.TcpProxy;
import picocli.CommandLine;

/**
 * A full store refuses clearly and loses nothing. The agent (child process, real log) runs with a 1 MiB store
 * and no way to the broker until its store is full: refusals are logged as ERRORs naming the limit, a
 * {@code store-full} event is stored, and {@code vitalgate outbox} reads the live store. Then the broker becomes
 * reachable: every reading the store accepted is delivered (or, after the final SIGTERM, still pending in the
 * file), with no seq gap, and the store accepts readings again.
 */
class StoreFullIT {
    private static final String ROOT = "vitalgate/v1/full-hub";

    @TempDir
    Path dir;

    @Test
    void aFullStoreRefusesLoudlyAndLosesNothing() throws Exception {
        Path db = dir.resolve("state/vitalgate.db");
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             TcpProxy proxy = TcpProxy.to(broker.port(), false);
             MqttTestSubscriber backend = MqttTestSubscriber.subscribe(broker, ROOT + "/#")) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, """
                    hubId: full-hub
                    mqtt:
                      broker: mqtt://127.0.0.1:%d
                      backoffMin: 100ms
                      backoffMax: 300ms
                    store:
                      path: %s
                      maxSize: 1MiB
                      minFreeDisk: 0
                    simulation:
                      enabled: true
                      interval: 10ms
                    healthInterval: 60s
                    ble:
                      enabled: false
                    """.formatted(proxy.port(), db));
            long lastSeqWhileFull;
            try (AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"))) {
                awaitLog(agent, "REFUSED since the last report", Duration.ofSeconds(40));
                String log = agent.log();
                assertThat(log).containsPattern("ERROR SqliteStore - store refuses readings: store size \\d+ bytes"
                        + " has reached maxBytes 1048576 \\(" + java.util.regex.Pattern.quote(db.toString()) + "\\)");
                assertThat(log).containsPattern("ERROR Ingest - \\d+ reading\\(s\\) REFUSED since the last report"
                        + " \\(latest \\S+ from \\S+\\): reading refused, store full: .*store size \\d+ bytes has reached"
                        + " maxBytes 1048576 \\(.*\\) \\(no new device sessions until there is room");

                // the technician's view of the live store, read-only, while the agent runs
                JsonNode outbox = outboxJson("outbox", "--config", config.toString(), "--json");
                assertThat(outbox.path("store").asText()).isEqualTo(db.toString());
                assertThat(outbox.path("pendingReadings").asLong()).isPositive()
                        .isEqualTo(outbox.path("lastSeq").asLong());     // nothing could be confirmed yet
                assertThat(outbox.path("pendingEvents").asLong()).as("the store-full event").isPositive();
                assertThat(outbox.path("confirmedReadings").asLong()).isZero();
                assertThat(outbox.path("storeBytes").asLong()).isGreaterThanOrEqualTo(1L << 20);
                assertThat(outbox.path("oldestUnsentAgeSeconds").asLong()).isNotNegative();
                assertThat(eventTypes(db)).contains("store-full");
                lastSeqWhileFull = outbox.path("lastSeq").asLong();
                long whileFull = lastSeqWhileFull;

                proxy.open();                                              // the broker comes back
                awaitLog(agent, "store has room again; accepting readings", Duration.ofSeconds(40));
                TestAgent.await("readings after recovery", Duration.ofSeconds(20),
                        () -> maxSeq(readingsOf(backend)) > whileFull + 20);
                int exit = agent.terminate(Duration.ofSeconds(20));
                assertThat(exit).isIn(0, 143);
            }

            List<MqttTestSubscriber.Received> readings = readingsOf(backend);
            readings.forEach(m -> PayloadSchemas.assertValid(PayloadSchemas.Kind.READING, m.payload()));
            Map<Long, String> received = TestAgent.idsBySeq(readings);
            Map<Long, Boolean> inFile = seqsInFile(db);                   // seq -> confirmed
            long lastSeq = lastSeq(db);
            for (long s = 1; s <= lastSeq; s++) {
                boolean delivered = received.containsKey(s);
                Boolean confirmed = inFile.get(s);
                assertThat(delivered || Boolean.FALSE.equals(confirmed))
                        .as("seq %d was accepted but is neither delivered nor pending in the store", s).isTrue();
                if (Boolean.TRUE.equals(confirmed)) {
                    assertThat(delivered).as("seq %d confirmed but never received", s).isTrue();
                }
            }
            assertThat(TestAgent.missingSeqs(received, lastSeqWhileFull)).as("accepted while full, not delivered")
                    .isEmpty();

            MqttTestSubscriber.Received full = backend.await(m -> m.topic().equals(ROOT + "/events")
                    && TestAgent.json(m).path("type").asText().equals("store-full"), Duration.ofSeconds(5));
            PayloadSchemas.assertValid(PayloadSchemas.Kind.EVENT, full.payload());
            assertThat(TestAgent.json(full).at("/attributes/reason").asText()).contains("maxBytes 1048576");
        }
    }

    private static List<MqttTestSubscriber.Received> readingsOf(MqttTestSubscriber backend) {
        return backend.messages(m -> m.topic().equals(ROOT + "/readings"));
    }

    private static long maxSeq(List<MqttTestSubscriber.Received> readings) {
        return readings.stream().mapToLong(m -> TestAgent.json(m).path("seq").asLong()).max().orElse(0);
    }

    private static JsonNode outboxJson(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).as(err.toString()).isZero();
        return TestAgent.JSON.readTree(out.toString());
    }

    private static void awaitLog(AgentProcess agent, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!agent.log().contains(text)) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in the agent log:\n" + agent.log());
            }
            Thread.sleep(100);
        }
    }

    private static Set<String> eventTypes(Path db) throws Exception {
        Set<String> types = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT payload FROM outbox WHERE seq IS NULL")) {
            while (rs.next()) {
                types.add(TestAgent.JSON.readTree(rs.getBytes(1)).path("type").asText());
            }
        }
        return types;
    }

    private static Map<Long, Boolean> seqsInFile(Path db) throws Exception {
        Map<Long, Boolean> out = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, confirmed_at IS NOT NULL FROM outbox WHERE seq IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getBoolean(2));
            }
        }
        return out;
    }

    private static long lastSeq(Path db) throws Exception {
        return outboxJson("outbox", "--store", db.toString(), "--json").path("lastSeq").asLong();
    }
}
