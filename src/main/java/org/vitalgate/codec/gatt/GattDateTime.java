package org.vitalgate.codec.gatt;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.ByteWriter;
import org.vitalgate.codec.Decoded;

/**
 * The GATT Date Time value (0x2A08, also the Time Stamp / Base Time inside BPM, glucose, temperature, weight,
 * body composition and PLX spot-check): uint16 year (1582..9999, 0 = unknown), uint8 month (1..12, 0 =
 * unknown), uint8 day (1..31, 0 = unknown), hours 0..23, minutes 0..59, seconds 0..59. The device clock has
 * no zone. A value with an unknown year, month or day has no {@link #localDateTime()}; values outside the
 * ranges above (reserved) are malformed. Immutable.
 */
public record GattDateTime(int year, int month, int day, int hours, int minutes, int seconds) {
    public static final int OCTETS = 7;

    public GattDateTime {
        if (year != 0 && (year < 1582 || year > 9999) || month < 0 || month > 12 || day < 0 || day > 31
                || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
            throw new IllegalArgumentException("date time field out of range: " + year + "-" + month + "-" + day
                    + " " + hours + ":" + minutes + ":" + seconds);
        }
    }

    /** True when year, month and day are all known. */
    public boolean dateKnown() {
        return year != 0 && month != 0 && day != 0;
    }

    /** The device's wall-clock time, empty when the date is unknown. */
    public Optional<LocalDateTime> localDateTime() {
        if (!dateKnown()) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.of(year, month, day, hours, minutes, seconds));
    }

    public static GattDateTime of(LocalDateTime t) {
        return new GattDateTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond());
    }

    /** Reads 7 octets; the caller has checked they are there. Malformed on reserved values or impossible dates. */
    public static Decoded<GattDateTime> read(ByteReader in) {
        int at = in.offset();
        int year = in.u16();
        int month = in.u8();
        int day = in.u8();
        int hours = in.u8();
        int minutes = in.u8();
        int seconds = in.u8();
        if (year != 0 && (year < 1582 || year > 9999)) {
            return Decoded.malformed("date time: reserved year " + year, at, in.value());
        }
        if (month > 12) {
            return Decoded.malformed("date time: reserved month " + month, at + 2, in.value());
        }
        if (day > 31) {
            return Decoded.malformed("date time: reserved day " + day, at + 3, in.value());
        }
        if (hours > 23 || minutes > 59 || seconds > 59) {
            return Decoded.malformed("date time: time of day out of range", at + 4, in.value());
        }
        GattDateTime t = new GattDateTime(year, month, day, hours, minutes, seconds);
        if (t.dateKnown()) {
            try {
                LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                return Decoded.malformed("date time: no such date " + year + "-" + month + "-" + day, at, in.value());
            }
        }
        return Decoded.ok(t);
    }

    public void write(ByteWriter out) {
        out.u16(year).u8(month).u8(day).u8(hours).u8(minutes).u8(seconds);
    }

    @Override
    public String toString() {
        String time = String.format("%02d:%02d:%02d", hours, minutes, seconds);
        if (dateKnown()) {
            return String.format("%04d-%02d-%02dT%s", year, month, day, time);
        }
        return String.format("%s-%s-%sT%s", year == 0 ? "????" : String.format("%04d", year),
                month == 0 ? "??" : String.format("%02d", month), day == 0 ? "??" : String.format("%02d", day), time);
    }
}
