package org.vitalgate.app;

import java.util.Locale;
import java.util.Optional;
import org.vitalgate.reading.HubClock;

/**
 * Reads what the hub's time services say about synchronization: {@code chronyc -n tracking} (chrony) and
 * {@code timedatectl show} (systemd-timedated, which reports the kernel's synchronized flag that
 * systemd-timesyncd, ntpd and chrony with {@code rtcsync} maintain). Pure; thread-safe. Empty when the text says
 * nothing usable (the caller then asks the next source).
 */
final class ClockSyncOutputs {
    /** chrony's reference id when it serves its own clock ({@code local} directive): no outside time source. */
    static final String CHRONY_LOCAL_REFERENCE = "7F7F0101";

    private ClockSyncOutputs() {
    }

    /**
     * {@code chronyc -n tracking}: "Leap status : Normal" (or a pending leap second) means synchronized;
     * "Not synchronised" means not; a clock synchronized only to its own local reference is not synchronized.
     */
    static Optional<HubClock> chronyTracking(String output) {
        Optional<String> leap = field(output, "Leap status");
        if (leap.isEmpty()) {
            return Optional.empty();
        }
        String status = leap.get().toLowerCase(Locale.ROOT);
        if (status.startsWith("not synchroni")) {
            return Optional.of(HubClock.NOT_SYNCHRONIZED);
        }
        if (!status.equals("normal") && !status.equals("insert second") && !status.equals("delete second")) {
            return Optional.empty();
        }
        boolean local = field(output, "Reference ID").map(r -> r.toUpperCase(Locale.ROOT)
                .startsWith(CHRONY_LOCAL_REFERENCE)).orElse(false);
        return Optional.of(local ? HubClock.NOT_SYNCHRONIZED : HubClock.SYNCHRONIZED);
    }

    /** {@code timedatectl show}: {@code NTPSynchronized=yes|no}. */
    static Optional<HubClock> timedatectlShow(String output) {
        for (String line : output.split("\\R")) {
            String l = line.strip();
            if (l.equals("NTPSynchronized=yes")) {
                return Optional.of(HubClock.SYNCHRONIZED);
            }
            if (l.equals("NTPSynchronized=no")) {
                return Optional.of(HubClock.NOT_SYNCHRONIZED);
            }
        }
        return Optional.empty();
    }

    /** The value of a "Name   : value" line. */
    private static Optional<String> field(String output, String name) {
        for (String line : output.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }
}
