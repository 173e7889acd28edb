package org.vitalgate.codec.gatt.wss;

import java.util.Optional;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Weight Scale Feature, UUID 0x2A9E (WSS 1.0; GSS): bit 0 time stamp, 1 multiple users, 2 BMI supported;
 * bits 3–6 weight resolution, 7–9 height resolution, 10–31 reserved. Exactly 4 octets. Stateless.
 */
public final class WeightScaleFeatureParser implements CharacteristicParser<WeightScaleFeature> {
    @Override
    public Decoded<WeightScaleFeature> parse(Bytes value) {
        Optional<Decoded<WeightScaleFeature>> bad = Lengths.fixed(value, 4);
        if (bad.isPresent()) {
            return bad.get();
        }
        long raw = new ByteReader(value).u32();
        return Decoded.ok(new WeightScaleFeature(raw, BitFlag.decode(raw, WeightScaleFeature.Bit.class),
                Resolutions.MassResolution.of((int) (raw >> 3 & 0xF)),
                Resolutions.HeightResolution.of((int) (raw >> 7 & 0x7))));
    }
}
