package org.vitalgate.app.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds systemd's watchdog ({@code WatchdogSec=}) only while every loop of the agent makes progress: each loop
 * (ingest, store writer, uplink, …) stamps a heartbeat on every turn, and a loop whose heartbeat is older than
 * the stall limit withholds {@code WATCHDOG=1}, so systemd restarts the service. The MQTT keepalive runs on the
 * Netty thread and says nothing about the uplink thread: that is why the uplink loop has its own heartbeat.
 * Each tick also sends {@code STATUS=} (outbox depth and broker state) for {@code systemctl status}.
 *
 * <p>Threads: {@link #tick()} runs on the {@code watchdog} thread (or a test's).
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** A loop to watch: its name and the {@link System#nanoTime()} of its last turn. */
    public record Loop(String name, LongSupplier heartbeatNanos) {
        public Loop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(heartbeatNanos, "heartbeatNanos");
        }
    }

    private final SdNotify notify;
    private final List<Loop> loops;
    private final Supplier<String> status;
    private final Duration stallLimit;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService executor;
    private final Duration period;
    private final boolean feed;
    private List<String> stalled = List.of();

    /**
     * @param timeout systemd's {@code WATCHDOG_USEC}; pings go out every third of it, and a loop that has not
     *                turned for half of it (at least 5 s) counts as stuck. Empty (no {@code WatchdogSec=}): only
     *                {@code STATUS=} is sent, every 30 s
     */
    public Watchdog(SdNotify notify, java.util.Optional<Duration> watchdogTimeout, List<Loop> loops,
                    Supplier<String> status, LongSupplier nanoTime, ScheduledExecutorService executor) {
        this.notify = Objects.requireNonNull(notify, "notify");
        this.loops = List.copyOf(loops);
        this.status = Objects.requireNonNull(status, "status");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.feed = watchdogTimeout.isPresent();
        Duration timeout = watchdogTimeout.orElse(Duration.ofSeconds(90));
        this.period = timeout.dividedBy(3);
        Duration half = timeout.dividedBy(2);
        this.stallLimit = half.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : half;
    }

    public void start() {
        long ms = Math.max(100, period.toMillis());
        executor.scheduleWithFixedDelay(this::tickSafely, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** One check: pings systemd (with the status) when every loop turned recently; returns whether it pinged. */
    boolean tick() {
        long now = nanoTime.getAsLong();
        List<String> stuck = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (Loop loop : loops) {
            long age = now - loop.heartbeatNanos().getAsLong();
            if (age > stallLimit.toNanos()) {
                stuck.add(loop.name());
                described.add(loop.name() + " for " + Duration.ofNanos(age).toSeconds() + "s");
            }
        }
        if (!stuck.equals(stalled)) {              // logged once per change, not per tick
            if (!stuck.isEmpty()) {
                LOG.error("no progress in {}: {}", String.join(", ", described), feed
                        ? "not feeding the systemd watchdog, the service will be restarted"
                        : "no systemd watchdog is configured to restart the service");
            } else {
                LOG.warn("every loop makes progress again");
            }
        }
        stalled = stuck;
        if (!stuck.isEmpty()) {
            notify.send("STATUS=stuck: no progress in " + String.join(", ", described));
            return false;
        }
        return notify.send((feed ? "WATCHDOG=1\n" : "") + "STATUS=" + status.get());
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {          // a periodic task that throws is never run again
            LOG.error("watchdog check failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
