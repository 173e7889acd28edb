package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vitalgate run --config bad.yaml}: every problem of the file on stderr (file, line, key path, what), exit
 * 2, and nothing started (no store file created).
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void malformedConfigListsEveryProblemAndExitsTwo() throws Exception {
        Path db = dir.resolve("state/vitalgate.db");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                hubId: "bad hub/id"
                mqtt:
                  broker: http://broker.example.com
                  inflightWindow: 0
                store:
                  path: %s
                  maxSize: 12 parsecs
                  historyDayz: 3
                logLevel: loud
                healthInterval: 60
                """.formatted(db));

        assertThat(run("run", "--config", bad.toString())).isEqualTo(2);

        String stderr = cli.err();
        assertThat(stderr).startsWith("invalid configuration " + bad + " (7 problems):");
        assertThat(stderr).containsSubsequence(
                "bad.yaml:1: hubId: ",
                "bad.yaml:3: mqtt.broker: ",
                "bad.yaml:4: mqtt.inflightWindow: ",
                "bad.yaml:7: store.maxSize: ",
                "bad.yaml:8: store.historyDayz: ",
                "bad.yaml:9: logLevel: ",
                "bad.yaml:10: healthInterval: ");
        assertThat(stderr).contains("loud").contains("12 parsecs");
        assertThat(cli.out()).isEmpty();
        assertThat(db).as("nothing started").doesNotExist();
    }

    @Test
    void missingConfigFileExitsTwo() {
        assertThat(run("run", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("nope.yaml").contains("file not found");
    }
}
