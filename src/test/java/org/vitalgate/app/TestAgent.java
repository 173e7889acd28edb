package org.vitalgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.ConfigException;
import org.vitalgate.config.ConfigLoader;
import org.vitalgate.store.StoreException;
import org.vitalgate.testing.MqttTestSubscriber;

/**
 * The real {@link Agent} in the test JVM, built from a YAML configuration through the real {@link ConfigLoader}
 * (so tests configure it exactly as a hub's {@code agent.yaml} would), plus small helpers the agent-level ITs
 * share. Close it (try-with-resources) to stop the agent in its normal order.
 */
final class TestAgent implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Agent agent;

    private TestAgent(Agent agent) {
        this.agent = agent;
    }

    /**
     * A configuration for hub {@code hubId} on a plaintext loopback broker port with the simulated home on;
     * {@code extra} is appended verbatim (top-level keys, e.g. {@code healthInterval: 1s}).
     */
    static String yaml(String hubId, int brokerPort, Path db, String interval, String extra) {
        return """
                hubId: %s
                mqtt:
                  broker: mqtt://127.0.0.1:%d
                  backoffMin: 100ms
                  backoffMax: 500ms
                store:
                  path: %s
                simulation:
                  enabled: true
                  interval: %s
                ble:
                  enabled: false
                logLevel: info
                """.formatted(hubId, brokerPort, db, interval) + extra;
    }

    static AgentConfig config(Path dir, String yaml) {
        Path file = dir.resolve("agent.yaml");
        try {
            Files.writeString(file, yaml);
            return new ConfigLoader(List.of()).read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError("test configuration rejected: " + e.getMessage(), e);
        }
    }

    /** Creates and starts the agent. */
    static TestAgent start(AgentConfig config) throws StoreException {
        Agent agent = Agent.create(config, Clock.systemUTC(), ZoneOffset.UTC, "0.0.0-it", new Threads());
        try {
            agent.start();
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        return new TestAgent(agent);
    }

    Agent agent() {
        return agent;
    }

    @Override
    public void close() {
        agent.close();
    }

    /** Polls {@code condition} every 50 ms; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static JsonNode json(MqttTestSubscriber.Received m) {
        try {
            return JSON.readTree(m.payload());
        } catch (IOException e) {
            throw new AssertionError("not JSON on " + m.topic() + ": " + m.text(), e);
        }
    }

    /** Received readings by seq (first arrival), in arrival order. */
    static Map<Long, String> idsBySeq(List<MqttTestSubscriber.Received> readings) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (MqttTestSubscriber.Received m : readings) {
            JsonNode n = json(m);
            out.putIfAbsent(n.path("seq").asLong(), n.path("id").asText());
        }
        return out;
    }

    /** The seqs in {@code 1..lastSeq} that were not received. */
    static List<Long> missingSeqs(Map<Long, String> idsBySeq, long lastSeq) {
        List<Long> missing = new ArrayList<>();
        for (long s = 1; s <= lastSeq; s++) {
            if (!idsBySeq.containsKey(s)) {
                missing.add(s);
            }
        }
        return missing;
    }
}
