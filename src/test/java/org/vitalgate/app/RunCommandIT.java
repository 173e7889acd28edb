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
