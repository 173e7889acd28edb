package org.vitalgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.HubClock;

/**
 * Tells whether the hub clock is synchronized to network time. A Raspberry Pi has no real-time clock: after a power
 * cut it runs on the time saved at the last shutdown until NTP answers. Sources, in order:
 * <ol>
 *   <li>systemd-timesyncd: the file {@code /run/systemd/timesync/synchronized} exists once it synchronized;</li>
 *   <li>chrony: {@code chronyc -n tracking} ("Leap status");</li>
 *   <li>systemd-timesyncd running (its directory exists) without that file: not synchronized yet;</li>
 *   <li>{@code timedatectl show}: the kernel's synchronized flag ({@code NTPSynchronized}), kept by any NTP
 *       service;</li>
 *   <li>none of these answers: {@link HubClock#UNKNOWN} (nothing is claimed either way).</li>
 * </ol>
 * {@link #get()} returns the last result and never runs a command; {@link #refresh()} probes (commands have a
 * deadline) and is run on the scheduler given to {@link #start}: every {@link #UNSYNCHRONIZED_POLL} while the clock
 * is known to be unsynchronized, every {@link #SYNCHRONIZED_POLL} otherwise. Each change is logged once and handed
 * to the listeners (on the polling thread; they must not block). Thread-safe.
 */
public final class HubClockProbe implements Supplier<HubClock> {
    private static final Logger LOG = LoggerFactory.getLogger(HubClockProbe.class);
    /** Where systemd-timesyncd keeps its state. */
    public static final Path TIMESYNC = Path.of("/run/systemd/timesync");
    static final Duration UNSYNCHRONIZED_POLL = Duration.ofSeconds(5);
    static final Duration SYNCHRONIZED_POLL = Duration.ofSeconds(60);
    static final List<String> CHRONYC = List.of("chronyc", "-n", "tracking");
    static final List<String> TIMEDATECTL = List.of("timedatectl", "show", "--property=NTPSynchronized");

    /** Runs a command: its standard output when it exits 0 within its deadline, else empty. */
    @FunctionalInterface
    public interface Commands {
        Optional<String> output(List<String> command);
    }

    private final Path timesync;
    private final Commands commands;
    private final List<Consumer<HubClock>> listeners = new CopyOnWriteArrayList<>();
    private volatile HubClock last;

    public HubClockProbe(Path timesync, Commands commands) {
        this.timesync = Objects.requireNonNull(timesync, "timesync");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /** The probe of this machine: systemd-timesyncd's state directory, chronyc and timedatectl from the PATH. */
    public static HubClockProbe system() {
        return new HubClockProbe(TIMESYNC, HubClockProbe::run);
    }

    /** The state found by the last {@link #refresh()} (probing once now if there was none). Never blocks after. */
    @Override
    public HubClock get() {
        HubClock now = last;
        return now != null ? now : refresh();
    }

    /** Whether the hub clock is known to be synchronized now. */
    public boolean isSynchronized() {
        return get() == HubClock.SYNCHRONIZED;
    }

    /**
     * Calls {@code listener} with every change of the hub clock state, e.g. to retry what failed on a wrong clock
     * (TLS certificates "not yet valid") once it is {@link HubClock#SYNCHRONIZED}. Called on the polling thread.
     */
    public void addListener(Consumer<HubClock> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Probes now (the first time synchronously), then keeps probing on {@code scheduler} until it shuts down. */
    public void start(ScheduledExecutorService scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        get();
        schedule(scheduler);
    }

    private void schedule(ScheduledExecutorService scheduler) {
        // quick while a synchronization is awaited; a machine without any time service is asked rarely
        Duration delay = last == HubClock.NOT_SYNCHRONIZED ? UNSYNCHRONIZED_POLL : SYNCHRONIZED_POLL;
        try {
            scheduler.schedule(() -> {
                try {
                    refresh();
                } finally {
                    schedule(scheduler);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Probes the sources now; logs and tells the listeners if the state changed. */
    public synchronized HubClock refresh() {
        HubClock now = probe();
        HubClock before = last;
        last = now;
        if (before != now) {
            if (now == HubClock.NOT_SYNCHRONIZED) {
                LOG.warn("the hub clock is not synchronized (no NTP answer yet): readings are marked"
                        + " hubClock=not-synchronized, and device clocks are not written nor device memories"
                        + " fetched until it is (the devices keep their data)");
            } else if (now == HubClock.SYNCHRONIZED) {
                LOG.info("hub clock: synchronized");
            } else {
                LOG.info("hub clock: unknown (neither systemd-timesyncd, chrony nor timedatectl answered):"
                        + " readings are marked hubClock=unknown");
            }
            for (Consumer<HubClock> l : listeners) {
                try {
                    l.accept(now);
                } catch (RuntimeException e) {
                    LOG.warn("hub clock listener failed", e);
                }
            }
        }
        return now;
    }

    private HubClock probe() {
        if (Files.exists(timesync.resolve("synchronized"))) {
            return HubClock.SYNCHRONIZED;
        }
        Optional<HubClock> chrony = commands.output(CHRONYC).flatMap(ClockSyncOutputs::chronyTracking);
        if (chrony.isPresent()) {
            return chrony.get();
        }
        if (Files.isDirectory(timesync)) {
            return HubClock.NOT_SYNCHRONIZED;
        }
        return commands.output(TIMEDATECTL).flatMap(ClockSyncOutputs::timedatectlShow).orElse(HubClock.UNKNOWN);
    }

    /** The environment of a probe command: C locale, no systemd notify socket or watchdog of the service. */
    static void scrub(java.util.Map<String, String> env) {
        env.put("LC_ALL", "C");
        env.keySet().removeAll(List.of("NOTIFY_SOCKET", "WATCHDOG_PID", "WATCHDOG_USEC"));
    }

    /**
     * Runs {@code command} with a 2 s deadline, in the C locale; stderr discarded. The service's systemd notify
     * socket is not passed on: systemd tools report their own failures there ({@code ERRNO=}), which would read
     * as the agent's.
     */
    static Optional<String> run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        scrub(pb.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        }
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            try (InputStream in = p.getInputStream()) {
                return Optional.of(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
