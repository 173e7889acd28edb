package org.vitalgate.transport.sim;

/** The 128-bit forms of the SIG characteristics the simulated home speaks (lower case, as BlueZ reports). */
public final class GattUuids {
    public static final String CURRENT_TIME = full(0x2A2B);
    public static final String BLOOD_PRESSURE_MEASUREMENT = full(0x2A35);
    public static final String PLX_SPOT_CHECK = full(0x2A5E);
    public static final String WEIGHT_MEASUREMENT = full(0x2A9D);
    public static final String GLUCOSE_MEASUREMENT = full(0x2A18);
    public static final String TEMPERATURE_MEASUREMENT = full(0x2A1C);

    private GattUuids() {
    }

    /** The SIG base UUID with a 16-bit UUID. */
    public static String full(int uuid16) {
        return String.format("0000%04x-0000-1000-8000-00805f9b34fb", uuid16);
    }
}
