package org.vitalgate.codec.gatt.cts;

import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Time Zone (0x2A0E): sint8 offset from UTC in 15-minute steps, −48..+56; −128 = unknown. Immutable.
 */
public record TimeZone(int raw) {
    public static final int UNKNOWN = -128;

    public TimeZone {
        if (raw != UNKNOWN && (raw < -48 || raw > 56)) {
            throw new IllegalArgumentException("reserved time zone " + raw);
        }
    }

    public Optional<ZoneOffset> offset() {
        return raw == UNKNOWN ? Optional.empty() : Optional.of(ZoneOffset.ofTotalSeconds(raw * 900));
    }

    @Override
    public String toString() {
        return offset().map(ZoneOffset::toString).orElse("unknown");
    }
}
