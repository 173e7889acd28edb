package org.vitalgate.uplink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Tells the operator why the hub is not connected: each cause of failed connect attempts at WARN the first time,
 * then at most once per {@code reminder} with the number of attempts that failed the same way meanwhile; and, once
 * connected again, one line with how many attempts failed over how long. A broker down for a day costs a few
 * dozen lines, never one per attempt. Confined to the uplink thread.
 */
final class OutageLog {
    private final String broker;
    private final Clock clock;
    private final LogThrottle throttle;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private Instant since;
    private long failures;

    OutageLog(String broker, Clock clock, LogThrottle throttle, Consumer<String> warn, Consumer<String> info) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.warn = Objects.requireNonNull(warn, "warn");
        this.info = Objects.requireNonNull(info, "info");
    }

    /** The connection (an established session) was lost: the outage starts now. */
    void lost() {
        if (since == null) {
            since = clock.instant();
        }
    }

    /** A connect attempt failed; {@code next} says what happens next (e.g. "retrying in PT4S"). */
    void failed(ConnectFailure failure, String next) {
        if (since == null) {
            since = clock.instant();
        }
        failures++;
        throttle.admit(failure.reason()).ifPresent(n -> warn.accept("uplink not connected to " + broker + ": "
                + failure.reason() + "; " + next + (n == 0 ? "" : " (" + n + " more attempts failed the same way"
                + " since the last report)") + "; not connected for " + human(Duration.between(since, clock.instant()))));
    }

    /** Connected: reports the end of an outage in which attempts failed. */
    void connected() {
        if (failures > 0) {
            info.accept("uplink connected to " + broker + " after " + failures + " failed attempt"
                    + (failures == 1 ? "" : "s") + " over " + human(Duration.between(since, clock.instant())));
        }
        failures = 0;
        since = null;
        throttle.clearAll();
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
