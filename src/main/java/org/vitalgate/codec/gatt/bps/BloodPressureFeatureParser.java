package org.vitalgate.codec.gatt.bps;

import java.util.Optional;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Blood Pressure Feature, UUID 0x2A49 (BLS 1.1): bits 0 body movement, 1 cuff fit, 2 irregular pulse,
 * 3 pulse-rate range, 4 measurement position detection, 5 multiple bonds, 6 E2E-CRC, 7 User Data Service,
 * 8 user-facing time, 9–15 reserved. Exactly 2 octets. Stateless; thread-safe.
 */
public final class BloodPressureFeatureParser implements CharacteristicParser<BloodPressureFeature> {
    @Override
    public Decoded<BloodPressureFeature> parse(Bytes value) {
        Optional<Decoded<BloodPressureFeature>> bad = Lengths.fixed(value, 2);
        if (bad.isPresent()) {
            return bad.get();
        }
        int raw = value.u8(0) | value.u8(1) << 8;
        return Decoded.ok(new BloodPressureFeature(raw, BitFlag.decode(raw, BloodPressureFeature.Bit.class)));
    }
}
