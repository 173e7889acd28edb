package org.vitalgate.codec.gatt.cts;

import java.util.Optional;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;

/**
 * Current Time, UUID 0x2A2B (Current Time Service 1.1; GSS "Current Time", "Exact Time 256", "Day of
 * Week"): exactly 10 octets. Day of week 8–255 is reserved (malformed); adjust-reason bits 4–7 are reserved
 * and kept. Stateless; thread-safe.
 */
public final class CurrentTimeParser implements CharacteristicParser<CurrentTime> {
    @Override
    public Decoded<CurrentTime> parse(Bytes value) {
        Optional<Decoded<CurrentTime>> bad = Lengths.fixed(value, CurrentTime.OCTETS);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        Decoded<GattDateTime> d = GattDateTime.read(in);
        if (!(d instanceof Decoded.Ok<GattDateTime> ok)) {
            return Lengths.failure(d);
        }
        int dow = in.u8();
        if (dow > 7) {
            return Decoded.malformed("reserved day of week " + dow, 7, value);
        }
        int fractions = in.u8();
        int reason = in.u8();
        return Decoded.ok(new CurrentTime(ok.value(), dow, fractions, reason,
                BitFlag.decode(reason, CurrentTime.AdjustReason.class)));
    }
}
