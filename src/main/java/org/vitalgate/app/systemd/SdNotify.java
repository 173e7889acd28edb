package org.vitalgate.app.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) in Java: state lines ({@code READY=1}, {@code STATUS=…}, {@code WATCHDOG=1}, {@code STOPPING=1})
 * sent as one datagram to the socket systemd names in {@code NOTIFY_SOCKET} (a {@code Type=notify} service).
 * A failed send is logged once, then counted: the service keeps working without systemd's attention.
 * Thread-safe (synchronized).
 */
public final class SdNotify implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);

    private final String socket;
    private final UnixDatagram datagram;
    private long failures;

    private SdNotify(String socket, UnixDatagram datagram) {
        this.socket = socket;
        this.datagram = datagram;
    }

    /** The notifier systemd asked for, or empty when not run as a notify service (or the socket cannot open). */
    public static Optional<SdNotify> fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SdNotify(socket, UnixDatagram.open()));
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("NOTIFY_SOCKET is set but cannot be used ({}): systemd will not hear READY or the watchdog",
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * The watchdog period systemd expects pings within ({@code WATCHDOG_USEC}), when it is meant for this
     * process ({@code WATCHDOG_PID} unset or ours).
     */
    public static Optional<Duration> watchdogTimeout(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sends newline-separated assignments, e.g. {@code "READY=1\nSTATUS=connected"}. False if it failed. */
    public synchronized boolean send(String state) {
        try {
            datagram.send(socket, state.getBytes(StandardCharsets.UTF_8));
            if (failures > 0) {
                LOG.info("systemd notification socket works again after {} failed notification(s)", failures);
                failures = 0;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (failures++ == 0) {
                LOG.warn("cannot notify systemd at {}: {} (further failures are counted)", socket, e.getMessage());
            }
            return false;
        }
    }

    @Override
    public synchronized void close() {
        datagram.close();
    }
}
