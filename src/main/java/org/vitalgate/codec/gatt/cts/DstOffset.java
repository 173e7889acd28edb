package org.vitalgate.codec.gatt.cts;

import java.time.Duration;
import java.util.Optional;

/** DST Offset (0x2A0D): 0 standard time, 2 +0.5 h, 4 +1 h, 8 +2 h, 255 unknown; other values reserved. */
public enum DstOffset {
    STANDARD_TIME(0), HALF_HOUR_DAYLIGHT_TIME(2), DAYLIGHT_TIME(4), DOUBLE_DAYLIGHT_TIME(8), UNKNOWN(255);

    private final int code;

    DstOffset(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Empty for a reserved code. */
    public static Optional<DstOffset> of(int code) {
        for (DstOffset d : values()) {
            if (d.code == code) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public Optional<Duration> offset() {
        return this == UNKNOWN ? Optional.empty() : Optional.of(Duration.ofMinutes(code * 15L));
    }
}
