package org.vitalgate.codec.gatt.cts;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.ByteWriter;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;

/**
 * Current Time (0x2A2B): Exact Time 256 (Date Time · Day of Week 0 = unknown, 1 = Monday … 7 = Sunday ·
 * Fractions256) · Adjust Reason. Encodes back to its exact 10 octets. Immutable.
 */
public record CurrentTime(GattDateTime dateTime, int dayOfWeekCode, int fractions256, int adjustReasonRaw,
                          Set<AdjustReason> adjustReasons) {
    public static final int OCTETS = 10;

    public CurrentTime {
        Objects.requireNonNull(dateTime, "dateTime");
        adjustReasons = Set.copyOf(adjustReasons);
        if (dayOfWeekCode < 0 || dayOfWeekCode > 7 || fractions256 < 0 || fractions256 > 255
                || adjustReasonRaw < 0 || adjustReasonRaw > 255) {
            throw new IllegalArgumentException("current time field out of range");
        }
    }

    /** The value to write to set a device clock to {@code t} (day of week derived, fraction from nanos). */
    public static CurrentTime of(LocalDateTime t, Set<AdjustReason> reasons) {
        int raw = 0;
        for (AdjustReason r : reasons) {
            raw |= 1 << r.bit();
        }
        return new CurrentTime(GattDateTime.of(t), t.getDayOfWeek().getValue(), t.getNano() / 3_906_250, raw, reasons);
    }

    public Optional<DayOfWeek> dayOfWeek() {
        return dayOfWeekCode == 0 ? Optional.empty() : Optional.of(DayOfWeek.of(dayOfWeekCode));
    }

    public Optional<LocalDateTime> localDateTime() {
        return dateTime.localDateTime().map(t -> t.withNano(fractions256 * 3_906_250));
    }

    public Bytes encode() {
        ByteWriter w = new ByteWriter();
        dateTime.write(w);
        return w.u8(dayOfWeekCode).u8(fractions256).u8(adjustReasonRaw).toBytes();
    }

    public enum AdjustReason implements BitFlag {
        MANUAL_TIME_UPDATE, EXTERNAL_REFERENCE_TIME_UPDATE, CHANGE_OF_TIME_ZONE, CHANGE_OF_DST;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
