package org.vitalgate.store;

/**
 * Every event type the hub publishes on {@code events}: the closed list the MQTT contract documents
 * ({@code docs/mqtt-contract.md}, checked by {@code EventTypesContractTest}). Add a type here, and to the
 * contract's table, when a new event is raised; the wire name is the kebab-case {@link #wire()}.
 */
public enum EventType {
    /** A device this hub is not assigned (or an unknown frame source) was heard; no data is kept. */
    DEVICE_SEEN("device-seen"),
    /** A device bonded with the hub. */
    DEVICE_PAIRED("device-paired"),
    /** A bonded BLE device refused the hub's keys; the stale bond was removed and the device is paired again. */
    DEVICE_BOND_LOST("device-bond-lost"),
    /** A device value could not be decoded (malformed or unsupported); the reason and hex are attributes. */
    DECODE_FAILED("decode-failed"),
    /** A device record carried no value (e.g. "measurement unsuccessful"): not a vital sign. */
    MEASUREMENT_WITHOUT_VALUE("measurement-without-value"),
    /** A multi-user device sent a record of a user slot not assigned to this patient; not forwarded. */
    READING_OF_OTHER_USER("reading-of-other-user"),
    /**
     * Frames of a device arrived while the ingest queue was full and were not kept (counted; at most one event a
     * minute per device); its record pointer is held so it is asked for them again.
     */
    FRAMES_NOT_KEPT("frames-not-kept"),
    /**
     * A device appended octets its flags do not announce; its profile says {@code trailingOctets: ignore}, so the
     * reading was kept and the octets are reported raw (at most once per 10 min per device and codec).
     */
    TRAILING_OCTETS_IGNORED("trailing-octets-ignored"),
    /** The store reached a bound and refuses readings until there is room again. */
    STORE_FULL("store-full"),
    /** A damaged store file was renamed aside and a fresh one opened. */
    STORE_QUARANTINED("store-quarantined"),
    /** The broker refused the hub's identity or TLS; the uplink waits before trying again. */
    UPLINK_REJECTED("uplink-rejected");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The kebab-case name on the wire and in logs. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
