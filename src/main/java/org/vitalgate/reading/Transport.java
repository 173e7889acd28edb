package org.vitalgate.reading;

/** How a device reached the hub. {@link #SIMULATED} only ever comes from the demo's simulated home. */
public enum Transport {
    BLE("ble"),
    SERIAL("serial"),
    SIMULATED("simulated");

    private final String wire;

    Transport(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
