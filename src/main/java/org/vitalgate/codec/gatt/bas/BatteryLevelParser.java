package org.vitalgate.codec.gatt.bas;

import java.util.Optional;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Battery Level, UUID 0x2A19 (Battery Service 1.0; GSS): one octet, percent 0..100; 101..255 reserved
 * (malformed). Stateless; thread-safe.
 */
public final class BatteryLevelParser implements CharacteristicParser<BatteryLevel> {
    @Override
    public Decoded<BatteryLevel> parse(Bytes value) {
        Optional<Decoded<BatteryLevel>> bad = Lengths.fixed(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        int pct = value.u8(0);
        return pct > 100 ? Decoded.malformed("reserved battery level " + pct, 0, value)
                : Decoded.ok(new BatteryLevel(pct));
    }
}
