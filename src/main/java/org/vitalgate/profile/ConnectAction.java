package org.vitalgate.profile;

import java.util.List;
import java.util.Objects;

/** One step of what the hub does, in order, after a connection's services are resolved. */
public sealed interface ConnectAction {

    /** Write the current time to {@code uuid} in {@code format}. */
    record SetClock(String uuid, ClockFormat format) implements ConnectAction {
        public SetClock {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(format, "format");
        }
    }

    /** StartNotify on each characteristic (notify or indicate as listed in the profile). */
    record Subscribe(List<String> uuids) implements ConnectAction {
        public Subscribe {
            uuids = List.copyOf(uuids);
        }
    }

    /** Read each characteristic once (battery level, device information). */
    record ReadOnce(List<String> uuids) implements ConnectAction {
        public ReadOnce {
            uuids = List.copyOf(uuids);
        }
    }

    /**
     * Learn the device's clock: read {@code uuid} (Current Time 0x2A2B or Date Time 0x2A08) if the device has it.
     * A device without it, or refusing the read, keeps its readings' times uncorrected; the session goes on.
     */
    record ReadClock(String uuid) implements ConnectAction {
        /** The codecs a clock characteristic may be decoded with. */
        public static final java.util.Set<String> CLOCK_CODECS = java.util.Set.of("gatt.cts.current-time",
                "gatt.common.datetime");

        public ReadClock {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /**
     * Record Access Control Point: request stored records with sequence number greater than the last committed one
     * (all records when none was committed), then wait for the RACP response indication.
     */
    record RacpFetch(String controlPoint) implements ConnectAction {
        public RacpFetch {
            Objects.requireNonNull(controlPoint, "controlPoint");
        }
    }
}
