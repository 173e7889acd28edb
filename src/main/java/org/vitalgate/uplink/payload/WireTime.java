package org.vitalgate.uplink.payload;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Time stamps on the wire. Instants are UTC ISO-8601 with exactly three fraction digits and {@code Z}
 * ({@code 2026-11-27T08:15:00.250Z}, always 24 characters; sub-millisecond digits are truncated). Device
 * times are the device's wall clock as reported: no zone, seconds always present. Thread-safe.
 */
final class WireTime {
    /** Length of every wire instant. */
    static final int INSTANT_CHARS = 24;

    private WireTime() {
    }

    static String instant(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("instant outside years 0000-9999: " + t);
        }
        char[] c = new char[INSTANT_CHARS];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, d.getHour(), 2);
        c[13] = ':';
        digits(c, 14, d.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, d.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, d.getNano() / 1_000_000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    static String deviceTime(LocalDateTime t) {
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("device time outside years 0000-9999: " + t);
        }
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
