package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The period during which pairing is allowed (a technician opened it). Outside it our agent rejects every
 * request and {@link BluezBleLink#pair} refuses. Thread-safe.
 */
public final class ProvisioningWindow {
    private final Clock clock;
    private volatile Instant closesAt = Instant.MIN;

    public ProvisioningWindow(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens (or extends/shortens) the window for {@code duration} from now. */
    public void open(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("window duration must be positive: " + duration);
        }
        closesAt = clock.instant().plus(duration);
    }

    public void close() {
        closesAt = Instant.MIN;
    }

    public boolean isOpen() {
        return clock.instant().isBefore(closesAt);
    }
}
