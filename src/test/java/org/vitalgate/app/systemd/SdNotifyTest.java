package org.vitalgate.app.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdNotifyTest {
    @TempDir
    Path dir;

    @Test
    void sendsOneDatagramPerNotificationToAPathSocket() throws Exception {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.name())).orElseThrow()) {
            assertThat(notify.send("READY=1\nSTATUS=starting")).isTrue();
            assertThat(notify.send("WATCHDOG=1")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> systemd.messages().size() == 2);
            assertThat(systemd.messages()).containsExactly("READY=1\nSTATUS=starting", "WATCHDOG=1");
        }
    }

    @Test
    void reachesAnAbstractNamespaceSocket() throws Exception {
        String name = "@vitalgate-test-" + UUID.randomUUID();
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(name);
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", name)).orElseThrow()) {
            notify.send("READY=1");
            await().atMost(Duration.ofSeconds(10)).until(() -> systemd.messages().contains("READY=1"));
        }
    }

    @Test
    void aMissingSocketIsAFailedSendNotACrash() {
        try (SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()))
                .orElseThrow()) {
            assertThat(notify.send("READY=1")).isFalse();
            assertThat(notify.send("WATCHDOG=1")).isFalse();
        }
    }

    @Test
    void noSocketNoNotifier() {
        assertThat(SdNotify.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void watchdogTimeoutIsForThisProcessOnly() {
        assertThat(SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000"), 42))
                .contains(Duration.ofSeconds(30));
        assertThat(SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42))
                .contains(Duration.ofSeconds(30));
        assertThat(SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42)).isEmpty();
        assertThat(SdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "soon"), 42)).isEmpty();
        assertThat(SdNotify.watchdogTimeout(Map.of(), 42)).isEmpty();
    }
}
