package org.vitalgate.codec.gatt.dis;

import java.util.Objects;
import org.vitalgate.reading.Bytes;

/**
 * A Device Information Service UTF-8 string characteristic. {@code text} has trailing NULs and spaces removed
 * (devices pad them); {@code raw} keeps the bytes as read. Immutable.
 */
public record DeviceInformationString(Field field, String text, Bytes raw) {
    public DeviceInformationString {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(raw, "raw");
    }

    /** Which DIS string, with its 16-bit UUID. */
    public enum Field {
        MANUFACTURER_NAME(0x2A29), MODEL_NUMBER(0x2A24), SERIAL_NUMBER(0x2A25), FIRMWARE_REVISION(0x2A26),
        HARDWARE_REVISION(0x2A27), SOFTWARE_REVISION(0x2A28);

        private final int uuid16;

        Field(int uuid16) {
            this.uuid16 = uuid16;
        }

        public int uuid16() {
            return uuid16;
        }
    }
}
