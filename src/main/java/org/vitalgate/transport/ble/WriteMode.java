package org.vitalgate.transport.ble;

/** GATT write type, as BlueZ's {@code WriteValue} option {@code type}. */
public enum WriteMode {
    /** Write Request: the device acknowledges. */
    WITH_RESPONSE("request"),
    /** Write Command: no acknowledgement. */
    WITHOUT_RESPONSE("command");

    private final String bluezType;

    WriteMode(String bluezType) {
        this.bluezType = bluezType;
    }

    String bluezType() {
        return bluezType;
    }
}
