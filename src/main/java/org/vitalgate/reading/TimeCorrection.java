package org.vitalgate.reading;

/** How a reading's measurement time was derived from what the device reported. */
public enum TimeCorrection {
    /** The device clock was in UTC (or carried its offset) and is trusted as is. */
    DEVICE_UTC("device-utc"),
    /** Device local wall-clock time, placed in the hub's time zone. */
    DEVICE_LOCAL("device-local"),
    /** Device time shifted by the measured offset between the device clock and the hub clock. */
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
