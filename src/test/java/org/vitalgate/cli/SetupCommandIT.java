package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.MosquittoBroker;

/**
 * {@code vitalgate setup} on the configuration file the package installs: sets the broker, generates a key and a
 * CSR, prints the hub id, checks the broker (a real Mosquitto); running it again changes nothing; a bad value
 * leaves the file as it was.
 */
class SetupCommandIT {
    @TempDir
    Path dir;

    @Test
    void setsTheBrokerGeneratesAKeyAndChecksIdempotently() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.copy(Path.of("packaging/agent.yaml"), config);
        Path tls = dir.resolve("tls");
        try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
            String url = "mqtt://127.0.0.1:" + broker.port();
            String[] args = {"setup", "--config", config.toString(), "--broker", url, "--hub-id", "hub-test-1",
                "--generate-key", "--tls-dir", tls.toString()};
            CliRun cli = new CliRun();
            assertThat(cli.run(args)).as(cli.err()).isZero();
            assertThat(cli.out()).contains("hub id: hub-test-1")
                    .contains("certificate signing request (CN=hub-test-1): " + tls.resolve("client.csr"))
                    .contains("-----BEGIN CERTIFICATE REQUEST-----")
                    .contains("broker check: OK, connected to " + url);
            assertThat(Files.readString(config)).contains("broker: " + url).contains("hubId: hub-test-1");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("client.key"))))
                    .isEqualTo("rw-r-----");
            byte[] configBefore = Files.readAllBytes(config);
            byte[] keyBefore = Files.readAllBytes(tls.resolve("client.key"));
            byte[] csrBefore = Files.readAllBytes(tls.resolve("client.csr"));

            CliRun again = new CliRun();
            assertThat(again.run(args)).as(again.err()).isZero();
            assertThat(Files.readAllBytes(config)).as("idempotent").isEqualTo(configBefore);
            assertThat(Files.readAllBytes(tls.resolve("client.key"))).as("the key is kept").isEqualTo(keyBefore);
            assertThat(Files.readAllBytes(tls.resolve("client.csr"))).isEqualTo(csrBefore);
        }
        // the broker is gone now: the check says so, exit 1
        CliRun down = new CliRun();
        assertThat(down.run("setup", "--config", config.toString(), "--check-timeout", "5s")).isEqualTo(1);
        assertThat(down.out()).contains("broker check: FAILED");
    }

    @Test
    void anInvalidValueLeavesTheFileUnchanged() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.copy(Path.of("packaging/agent.yaml"), config);
        byte[] before = Files.readAllBytes(config);
        CliRun cli = new CliRun();
        assertThat(cli.run("setup", "--config", config.toString(), "--broker", "mqtt://broker.example.com",
                "--no-check")).isEqualTo(2);
        assertThat(cli.err()).contains("is unchanged").contains("mqtt.broker");
        assertThat(Files.readAllBytes(config)).isEqualTo(before);
    }

    @Test
    void theShippedConfigurationWaitsForTheBroker() throws Exception {
        // the conffile as installed: `vitalgate run` refuses it with exit 2 (which systemd does not retry)
        CliRun cli = new CliRun();
        assertThat(cli.run("run", "--config", "packaging/agent.yaml")).isEqualTo(2);
        assertThat(cli.err()).contains("mqtt.broker");
    }
}
