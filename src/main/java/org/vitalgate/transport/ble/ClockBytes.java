package org.vitalgate.transport.ble;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.vitalgate.reading.Bytes;

/**
 * The bytes written to set a device clock (device-protocols.md A.2, B.4). Pure functions; thread-safe.
 */
public final class ClockBytes {
    private ClockBytes() {
    }

    /** Date Time (0x2A08): uint16 year, month, day, hours, minutes, seconds (7 octets, little-endian). */
    public static Bytes dateTime(LocalDateTime t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeDateTime(out, t);
        return Bytes.of(out.toByteArray());
    }

    /**
     * Current Time (0x2A2B): Date Time, day of week (1 = Monday … 7 = Sunday), Fractions256, adjust reason
     * 0x01 (manual time update); 10 octets.
     */
    public static Bytes currentTime(LocalDateTime t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeDateTime(out, t);
        out.write(t.getDayOfWeek().getValue());
        out.write((int) (t.getNano() / 1_000_000_000.0 * 256));
        out.write(0x01);
        return Bytes.of(out.toByteArray());
    }

    /**
     * Ascensia Contour clock (0x1026): {@code 01}, Date Time in UTC, then sint16 minutes of the zone's UTC offset
     * (including DST) at that instant; 10 octets.
     */
    public static Bytes contour(ZonedDateTime now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        writeDateTime(out, now.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        int offsetMinutes = now.getOffset().getTotalSeconds() / 60;
        out.write(offsetMinutes & 0xFF);
        out.write((offsetMinutes >> 8) & 0xFF);
        return Bytes.of(out.toByteArray());
    }

    private static void writeDateTime(ByteArrayOutputStream out, LocalDateTime t) {
        out.write(t.getYear() & 0xFF);
        out.write((t.getYear() >> 8) & 0xFF);
        out.write(t.getMonthValue());
        out.write(t.getDayOfMonth());
        out.write(t.getHour());
        out.write(t.getMinute());
        out.write(t.getSecond());
    }
}
