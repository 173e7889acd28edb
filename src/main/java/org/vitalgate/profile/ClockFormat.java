package org.vitalgate.profile;

/** How a device's clock is set on connect. */
public enum ClockFormat {
    /** Date Time (0x2A08), 7 octets, local wall-clock time unless the device is UTC (quirk deviceTimeIsUtc). */
    DATE_TIME,
    /** Current Time (0x2A2B), 10 octets: Exact Time 256 + adjust reason "manual". */
    CURRENT_TIME,
    /** Ascensia Contour clock (0x1026): {@code 01}, Date Time in UTC, then sint16 minutes of UTC offset incl. DST. */
    CONTOUR_UTC_WITH_OFFSET
}
