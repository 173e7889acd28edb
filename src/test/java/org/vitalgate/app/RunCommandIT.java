package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real exit codes of the packaged jar, as systemd and a technician's shell see them. */
class RunCommandIT {
    @TempDir
    Path dir;

    @Test
    void malformedConfigExitsTwoListingEveryProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                mqtt:
                  broker: mqtt://broker.example.com
                  inflightWindow: lots
                store:
                  path: %s
                nonsense: 1
                """.formatted(dir.resolve("vitalgate.db")));
        try (AgentProcess agent = AgentProcess.start(bad, dir.resolve("run.log"))) {
            assertThat(agent.waitFor(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(agent.log()).contains("invalid configuration " + bad)
                    .contains("bad.yaml:2: mqtt.broker: ")
                    .contains("bad.yaml:3: mqtt.inflightWindow: ")
                    .contains("bad.yaml:6: nonsense: ");
        }
        assertThat(dir.resolve("vitalgate.db")).as("nothing started").doesNotExist();
    }

    /**
     * Installed as the package installs it (jar and device-profiles side by side), started from another directory:
     * the profiles are found from the jar's location. Without them anywhere it is a configuration problem: exit 2,
     * naming every place looked.
     */
    @Test
    void runFromAnotherDirectoryFindsTheInstalledProfiles() throws Exception {
        Path install = Files.createDirectories(dir.resolve("opt/vitalgate"));
        Files.copy(AgentProcess.jar(), install.resolve("vitalgate.jar"));
        Path elsewhere = Files.createDirectories(dir.resolve("home/technician"));
        Path config = Files.createDirectories(dir.resolve("etc")).resolve("agent.yaml");
        Files.writeString(config, """
                hubId: cwd-hub
                mqtt:
                  broker: mqtt://127.0.0.1:1
                store:
                  path: %s
                ble:
                  enabled: true
                """.formatted(dir.resolve("vitalgate.db")));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(Path.of("/usr/share/vitalgate/device-profiles")));

        try (AgentProcess agent = AgentProcess.start(install.resolve("vitalgate.jar"), elsewhere, config,
                dir.resolve("none.log"))) {
            assertThat(agent.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(agent.log()).contains("profilesDir: not configured, and no device profile directory")
                    .contains(install.resolve("device-profiles").toString())
                    .contains(dir.resolve("etc/device-profiles").toString());
        }
        assertThat(dir.resolve("vitalgate.db")).as("nothing started").doesNotExist();

        copyTree(Path.of("device-profiles"), install.resolve("device-profiles"));
        try (AgentProcess agent = AgentProcess.start(install.resolve("vitalgate.jar"), elsewhere, config,
                dir.resolve("run.log"))) {
            // the store is opened after the profiles were loaded: the agent got past them and keeps running
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(dir.resolve("vitalgate.db")) || !agent.isAlive());
            assertThat(agent.isAlive()).as("running; log:\n%s", agent.log()).isTrue();
            assertThat(agent.terminate(Duration.ofSeconds(20))).as("SIGTERM: a clean stop").isIn(0, 143);
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    @Test
    void outboxOnAMissingStoreExitsOne() throws Exception {
        Path missing = dir.resolve("missing.db");
        try (AgentProcess cli = AgentProcess.start(dir.resolve("unused.yaml"), dir.resolve("outbox.log"),
                "outbox", "--store", missing.toString())) {
            assertThat(cli.waitFor(Duration.ofSeconds(20))).isEqualTo(1);
            assertThat(cli.log()).contains("no store at " + missing);
        }
    }

    @Test
    void aStoreFromANewerVersionExitsThreeAndIsLeftUntouched() throws Exception {
        // an upgrade migrated the store to a schema this (rolled-back) version does not know
        Path db = dir.resolve("vitalgate.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE outbox_v99 (id INTEGER PRIMARY KEY, payload TEXT)");
            st.executeUpdate("INSERT INTO outbox_v99 (payload) VALUES ('an unsent reading')");
            st.executeUpdate("PRAGMA user_version = 99");
        }
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                mqtt:
                  broker: mqtt://127.0.0.1:1
                store:
                  path: %s
                ble:
                  enabled: false
                """.formatted(db));
        try (AgentProcess agent = AgentProcess.start(config, dir.resolve("run.log"))) {
            assertThat(agent.waitFor(Duration.ofSeconds(30))).as("RestartPreventExitStatus=2 3 in the unit")
                    .isEqualTo(3);
            assertThat(agent.log()).contains("has schema version 99, newer than this vitalgate supports")
                    .contains("Not restarting (exit 3)");
        }
        // its content is untouched (opening it switched the file to WAL mode, a header flag, nothing else)
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(99);
            }
            try (java.sql.ResultSet rs = st.executeQuery("SELECT group_concat(name) FROM sqlite_master")) {
                assertThat(rs.getString(1)).as("no migration ran").isEqualTo("outbox_v99");
            }
            try (java.sql.ResultSet rs = st.executeQuery("SELECT payload FROM outbox_v99")) {
                assertThat(rs.getString(1)).isEqualTo("an unsent reading");
            }
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .as("not quarantined either").noneMatch(n -> n.contains("corrupt"));
    }

    /**
     * {@code simulation.enabled} in the service runs the demo's own home: the same devices and profiles, over the
     * agent's BLE path (private D-Bus, fake BlueZ) where dbus-daemon exists. Before, the service fed five "SIM:"
     * devices straight into ingest while the demo used BLE devices: two different homes under one name.
     */
    @Test
    void simulationEnabledRunsTheDemosHomeOverBle() throws Exception {
        java.util.Set<String> home = java.util.Set.of("00:09:1F:5A:00:01", "00:1C:05:5A:00:02", "00:09:1F:5A:00:03",
                "D0:39:72:5A:00:04", "00:09:1F:5A:00:05");
        try (org.vitalgate.testing.MosquittoBroker broker = org.vitalgate.testing.MosquittoBroker.startPlain();
             org.vitalgate.testing.MqttTestSubscriber backend = org.vitalgate.testing.MqttTestSubscriber.subscribe(
                     broker, "vitalgate/v1/sim-hub/readings")) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, """
                    hubId: sim-hub
                    mqtt:
                      broker: mqtt://127.0.0.1:%d
                    store:
                      path: %s
                    simulation:
                      enabled: true
                      interval: 2s
                    profilesDir: %s
                    """.formatted(broker.port(), dir.resolve("vitalgate.db"), Path.of("device-profiles").toAbsolutePath()));
            try (AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"))) {
                java.util.Set<String> seen = new java.util.concurrent.ConcurrentSkipListSet<>();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                    for (var m : backend.messages()) {
                        var device = TestAgent.json(m).path("device");
                        assertThat(device.path("transport").asText()).as(m.text()).isEqualTo("ble");
                        assertThat(home).as(m.text()).contains(device.path("address").asText());
                        seen.add(device.path("address").asText());
                    }
                    return seen.size() >= 3 || !agent.isAlive();
                });
                assertThat(seen).as(agent.log()).hasSizeGreaterThanOrEqualTo(3);
                assertThat(agent.log()).contains("through its real BLE path");
                assertThat(agent.terminate(Duration.ofSeconds(30))).isIn(0, 143);
            }
        }
    }
}
