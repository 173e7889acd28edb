package org.vitalgate.reading;

/** How a reading's measurement time was derived from what the device reported. */
public enum TimeCorrection {
    /**
     * The device's clock could not be learned on this connection: its time stamp is kept as reported and read as
     * UTC (profile quirk {@code deviceTimeIsUtc}). Not corrected: the device clock may be off by any amount.
     */
    DEVICE_UTC_UNCORRECTED("device-utc-uncorrected"),
    /**
     * The device's clock could not be learned on this connection: its time stamp is kept as reported and read as
     * local wall-clock time in the hub's zone. Not corrected: the device clock may be off by any amount.
     */
    DEVICE_LOCAL_UNCORRECTED("device-local-uncorrected"),
    /**
     * Device time shifted by the offset between the device clock and the hub clock, learned on the same connection
     * (the device's clock read, or just written by the hub: offset zero).
     */
    DEVICE_CLOCK_OFFSET("device-clock-offset"),
    /** The device reported no usable time stamp: the hub's receive time is the measurement time. */
    HUB_RECEIVE_TIME("hub-receive-time");

    private final String wire;

    TimeCorrection(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
