package org.vitalgate.codec.gatt.cts;

import java.util.Objects;

/** Local Time Information (0x2A0F): Time Zone and DST Offset. Immutable. */
public record LocalTimeInformation(TimeZone timeZone, DstOffset dstOffset) {
    public LocalTimeInformation {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(dstOffset, "dstOffset");
    }
}
