package org.vitalgate.transport.ble;

import java.time.Instant;
import java.util.Objects;

/** What happened in a device session, for events/health reporting. */
public sealed interface SessionEvent {
    String address();

    Instant at();

    record Connected(String address, String profileId, Instant at) implements SessionEvent {
        public Connected {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(profileId, "profileId");
            Objects.requireNonNull(at, "at");
        }
    }

    record Bonded(String address, Instant at) implements SessionEvent {
        public Bonded {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The device lost its bond (it refused our keys); the link removed the stale bond from BlueZ and the device is
     * paired again on its next visit.
     */
    record BondLost(String address, Instant at) implements SessionEvent {
        public BondLost {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The session ended; {@code framesReceived} counts frames delivered during it. */
    record Disconnected(String address, int framesReceived, Instant at) implements SessionEvent {
        public Disconnected {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A stage failed; the next attempt is not before {@code retryNotBefore}. */
    record Failed(String address, Stage stage, String reason, Instant retryNotBefore, Instant at)
            implements SessionEvent {
        public Failed {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryNotBefore, "retryNotBefore");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Session stages, in order. */
    enum Stage { CONNECT, BOND, SET_CLOCK, SUBSCRIBE, READ, FETCH_RECORDS }
}
