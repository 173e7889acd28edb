package org.vitalgate.codec.gatt.cts;

import java.util.Optional;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.ByteWriter;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;

/**
 * Date Time, UUID 0x2A08 (GSS "Date Time"): exactly 7 octets; see {@link GattDateTime}. {@link #encode}
 * produces the value written to set a device clock (A&amp;D, Roche expose it inside their measurement service).
 * Stateless; thread-safe.
 */
public final class DateTimeParser implements CharacteristicParser<GattDateTime> {
    @Override
    public Decoded<GattDateTime> parse(Bytes value) {
        Optional<Decoded<GattDateTime>> bad = Lengths.fixed(value, GattDateTime.OCTETS);
        if (bad.isPresent()) {
            return bad.get();
        }
        return GattDateTime.read(new ByteReader(value));
    }

    public static Bytes encode(GattDateTime t) {
        ByteWriter w = new ByteWriter();
        t.write(w);
        return w.toBytes();
    }
}
