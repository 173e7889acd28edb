package org.vitalgate.codec.gatt.cts;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Time Zone (0x2A0E): sint8 offset from UTC in 15-minute steps, −48..+56; −128 = unknown (GATT Specification
 * Supplement, Time Zone; device-protocols.md A.2). Decoded to the offset it stands for: {@code offsetMinutes}
 * is {@code raw × 15}, absent when the device says "unknown". Immutable.
 *
 * @param raw           the octet as sent (sint8)
 * @param offsetMinutes offset from UTC in minutes (e.g. 4 → 60, 22 → 330 for UTC+5:30); empty when unknown
 */
public record TimeZone(int raw, OptionalInt offsetMinutes) {
    public static final int UNKNOWN = -128;
    /** One step of the Time Zone field. */
    public static final int MINUTES_PER_STEP = 15;

    public TimeZone {
        if (raw != UNKNOWN && (raw < -48 || raw > 56)) {
            throw new IllegalArgumentException("reserved time zone " + raw);
        }
        if (!offsetMinutes.equals(minutes(raw))) {
            throw new IllegalArgumentException("time zone " + raw + " is " + minutes(raw) + ", not " + offsetMinutes);
        }
    }

    /** The time zone of octet {@code raw}. */
    public TimeZone(int raw) {
        this(raw, minutes(raw));
    }

    private static OptionalInt minutes(int raw) {
        return raw == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(raw * MINUTES_PER_STEP);
    }

    public Optional<ZoneOffset> offset() {
        return offsetMinutes.isEmpty() ? Optional.empty()
                : Optional.of(ZoneOffset.ofTotalSeconds(offsetMinutes.getAsInt() * 60));
    }

    @Override
    public String toString() {
        return offset().map(ZoneOffset::toString).orElse("unknown");
    }
}
