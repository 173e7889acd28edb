package org.vitalgate.transport.ble;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of device sessions.
 *
 * @param connectTimeout  deadline for connect + service resolution
 * @param pairTimeout     deadline for pairing (a technician may need to type a passkey)
 * @param idleTimeout     a collecting session with no frame for this long is closed
 * @param cooldown        after a session ended, ignore the device's advertisements this long (devices keep
 *                        advertising for tens of seconds after they disconnect; blessed uses 40 s)
 * @param backoffBase     first retry delay after a failure; doubles per consecutive failure
 * @param backoffMax      cap of the retry delay
 */
public record SessionPolicy(Duration connectTimeout, Duration pairTimeout, Duration idleTimeout, Duration cooldown,
                            Duration backoffBase, Duration backoffMax) {
    public SessionPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(pairTimeout, "pairTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
    }

    /** 15 s connect, 60 s pair, 10 s idle, 40 s cooldown, backoff 5 s doubling to 10 min. */
    public static SessionPolicy defaults() {
        return new SessionPolicy(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(40), Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    Duration backoff(int consecutiveFailures) {
        Duration d = backoffBase;
        for (int i = 1; i < consecutiveFailures && d.compareTo(backoffMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }
}
