package org.vitalgate.codec.gatt.bcs;

import java.util.Optional;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.gatt.wss.Resolutions;
import org.vitalgate.reading.Bytes;

/**
 * Body Composition Feature, UUID 0x2A9B (BCS 1.0; GSS): bits 0–10 supported fields, 11–14 mass
 * resolution, 15–17 height resolution, 18–31 reserved. Exactly 4 octets. Stateless; thread-safe.
 */
public final class BodyCompositionFeatureParser implements CharacteristicParser<BodyCompositionFeature> {
    @Override
    public Decoded<BodyCompositionFeature> parse(Bytes value) {
        Optional<Decoded<BodyCompositionFeature>> bad = Lengths.fixed(value, 4);
        if (bad.isPresent()) {
            return bad.get();
        }
        long raw = new ByteReader(value).u32();
        return Decoded.ok(new BodyCompositionFeature(raw, BitFlag.decode(raw, BodyCompositionFeature.Bit.class),
                Resolutions.MassResolution.of((int) (raw >> 11 & 0xF)),
                Resolutions.HeightResolution.of((int) (raw >> 15 & 0x7))));
    }
}
