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
}
