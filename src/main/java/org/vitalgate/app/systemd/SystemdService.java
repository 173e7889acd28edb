package org.vitalgate.app.systemd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of a {@code Type=notify} unit: {@code READY=1} once it runs, the {@link Watchdog} (pings and
 * {@code STATUS=}) while it runs, {@code STOPPING=1} when it stops. Without {@code NOTIFY_SOCKET} (a console
 * run) it does nothing. Created, started and closed by one owner.
 */
public final class SystemdService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdService.class);

    private final Optional<SdNotify> notify;
    private final Optional<Watchdog> watchdog;

    private SystemdService(Optional<SdNotify> notify, Optional<Watchdog> watchdog) {
        this.notify = notify;
        this.watchdog = watchdog;
    }

    /**
     * Says READY with the first status and starts the watchdog. Call once the store is open and the uplink
     * started (its connection may still be coming: an offline home must not fail the start).
     */
    public static SystemdService ready(Map<String, String> env, long pid, List<Watchdog.Loop> loops,
                                       Supplier<String> status, ScheduledExecutorService executor) {
        Optional<SdNotify> notify = SdNotify.fromEnvironment(env);
        if (notify.isEmpty()) {
            executor.shutdownNow();
            return new SystemdService(Optional.empty(), Optional.empty());
        }
        Optional<Duration> timeout = SdNotify.watchdogTimeout(env, pid);
        notify.get().send("READY=1\nMAINPID=" + pid + "\nSTATUS=" + status.get());
        Watchdog w = new Watchdog(notify.get(), timeout, loops, status, System::nanoTime, executor);
        w.start();
        if (timeout.isPresent()) {
            LOG.info("systemd notified: ready; watchdog fed every {} (timeout {}) while every loop makes progress",
                    timeout.get().dividedBy(3), timeout.get());
        } else {
            LOG.info("systemd notified: ready; no watchdog (WatchdogSec= not set)");
        }
        return new SystemdService(notify, Optional.of(w));
    }

    @Override
    public void close() {
        watchdog.ifPresent(Watchdog::close);
        notify.ifPresent(n -> {
            n.send("STOPPING=1\nSTATUS=stopping");
            n.close();
        });
    }
}
