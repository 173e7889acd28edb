package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.app.systemd.FakeNotifySocket;
import org.vitalgate.testing.MosquittoBroker;

/**
 * The service as systemd's {@code Type=notify} + {@code WatchdogSec=} runs it, with a fake {@code NOTIFY_SOCKET}:
 * READY once the store and uplink are up, STATUS with outbox depth and broker state, WATCHDOG pings while it
 * runs, STOPPING on SIGTERM.
 */
class SystemdNotifyIT {
    @TempDir
    Path dir;

    @Test
    void readyStatusWatchdogAndStopping() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"))) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, """
                    hubId: notify-hub
                    mqtt:
                      broker: mqtt://127.0.0.1:%d
                    store:
                      path: %s
                    ble:
                      enabled: false
                    """.formatted(broker.port(), dir.resolve("vitalgate.db")));
            Map<String, String> env = Map.of("NOTIFY_SOCKET", systemd.name(), "WATCHDOG_USEC", "3000000");
            try (AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"), env)) {
                await().atMost(Duration.ofSeconds(60)).failFast(() -> !agent.isAlive())
                        .until(() -> systemd.messages().stream().filter(m -> m.startsWith("WATCHDOG=1")).count() >= 2
                                && systemd.messages().stream().anyMatch(m -> m.contains("broker connected")));
                List<String> messages = systemd.messages();
                assertThat(messages.get(0)).startsWith("READY=1\n").contains("STATUS=outbox 0 readings");
                assertThat(messages).anyMatch(m -> m.equals(
                        "WATCHDOG=1\nSTATUS=outbox 0 readings, 0 events pending; broker connected"));
                assertThat(agent.terminate(Duration.ofSeconds(30))).isIn(0, 143);
                assertThat(systemd.messages()).last().isEqualTo("STOPPING=1\nSTATUS=stopping");
            }
        }
    }
}
