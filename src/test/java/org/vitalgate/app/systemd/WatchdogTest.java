package org.vitalgate.app.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final AtomicLong ingest = new AtomicLong(now.get());
    private final AtomicLong uplink = new AtomicLong(now.get());

    @Test
    void feedsTheWatchdogOnlyWhileEveryLoopTurns() throws Exception {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.name())).orElseThrow();
             Watchdog watchdog = watchdog(notify, Optional.of(Duration.ofSeconds(30)))) {
            assertThat(watchdog.tick()).isTrue();

            // the uplink thread is wedged (Netty's keepalive would carry on regardless); ingest keeps turning
            now.addAndGet(16 * S);
            ingest.set(now.get());
            assertThat(watchdog.tick()).as("stale for 16 s > 15 s").isFalse();
            now.addAndGet(10 * S);
            ingest.set(now.get());
            assertThat(watchdog.tick()).isFalse();

            uplink.set(now.get());                                  // it turns again
            assertThat(watchdog.tick()).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> systemd.messages().size() == 4);
            assertThat(systemd.messages()).containsExactly(
                    "WATCHDOG=1\nSTATUS=outbox 3 readings pending; broker connected",
                    "STATUS=stuck: no progress in uplink for 16s",
                    "STATUS=stuck: no progress in uplink for 26s",
                    "WATCHDOG=1\nSTATUS=outbox 3 readings pending; broker connected");
        }
    }

    @Test
    void aLoopThatTurnsWithinTheLimitIsNotStuck() throws Exception {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.name())).orElseThrow();
             Watchdog watchdog = watchdog(notify, Optional.of(Duration.ofSeconds(30)))) {
            now.addAndGet(15 * S);
            assertThat(watchdog.tick()).isTrue();
        }
    }

    @Test
    void withoutWatchdogSecOnlyTheStatusIsSent() throws Exception {
        try (FakeNotifySocket systemd = FakeNotifySocket.bind(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.name())).orElseThrow();
             Watchdog watchdog = watchdog(notify, Optional.empty())) {
            watchdog.tick();
            await().atMost(Duration.ofSeconds(10)).until(() -> systemd.messages().size() == 1);
            assertThat(systemd.messages()).containsExactly("STATUS=outbox 3 readings pending; broker connected");
        }
    }

    private Watchdog watchdog(SdNotify notify, Optional<Duration> timeout) {
        return new Watchdog(notify, timeout, List.of(new Watchdog.Loop("ingest", ingest::get),
                new Watchdog.Loop("uplink", uplink::get)), () -> "outbox 3 readings pending; broker connected",
                now::get, Executors.newSingleThreadScheduledExecutor());
    }
}
