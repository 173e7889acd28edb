package org.vitalgate.reading;

/**
 * Whether the hub's own clock was synchronized (NTP) when a reading was received. A Raspberry Pi has no
 * real-time clock: after a power cut it runs on the time saved at the last shutdown until NTP answers, so a
 * receive time (and any measurement time derived from the hub clock) from that window is suspect.
 */
public enum HubClock {
    SYNCHRONIZED("synchronized"),
    NOT_SYNCHRONIZED("not-synchronized"),
    /** The hub cannot tell (no systemd-timesyncd): nothing is claimed either way. */
    UNKNOWN("unknown");

    private final String wire;

    HubClock(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
