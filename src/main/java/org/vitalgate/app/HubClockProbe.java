package org.vitalgate.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.HubClock;

/**
 * Tells whether the hub clock is NTP-synchronized, the way systemd-timesyncd publishes it: the file
 * {@code /run/systemd/timesync/synchronized} exists once the clock has been synchronized; the directory without
 * the file means timesyncd runs but has not synchronized yet; no directory means the hub cannot tell. Logs each
 * change once. Thread-safe; cheap (one {@code stat} per call).
 */
public final class HubClockProbe implements Supplier<HubClock> {
    private static final Logger LOG = LoggerFactory.getLogger(HubClockProbe.class);
    /** Where systemd-timesyncd keeps its state. */
    public static final Path TIMESYNC = Path.of("/run/systemd/timesync");

    private final Path timesync;
    private final AtomicReference<HubClock> last = new AtomicReference<>();

    public HubClockProbe(Path timesync) {
        this.timesync = Objects.requireNonNull(timesync, "timesync");
    }

    @Override
    public HubClock get() {
        HubClock now = Files.exists(timesync.resolve("synchronized")) ? HubClock.SYNCHRONIZED
                : Files.isDirectory(timesync) ? HubClock.NOT_SYNCHRONIZED : HubClock.UNKNOWN;
        HubClock before = last.getAndSet(now);
        if (before != now) {
            if (now == HubClock.NOT_SYNCHRONIZED) {
                LOG.warn("the hub clock is not synchronized yet (no NTP answer since boot): readings are marked"
                        + " hubClock=not-synchronized until it is");
            } else {
                LOG.info("hub clock: {}", now.wire());
            }
        }
        return now;
    }
}
