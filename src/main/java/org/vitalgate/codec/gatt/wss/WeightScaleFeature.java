package org.vitalgate.codec.gatt.wss;

import java.util.Objects;
import java.util.Set;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.gatt.wss.Resolutions.HeightResolution;
import org.vitalgate.codec.gatt.wss.Resolutions.MassResolution;

/** Weight Scale Feature (0x2A9E), 32 bits; {@code raw} keeps reserved bits 10–31. Immutable. */
public record WeightScaleFeature(long raw, Set<Bit> supported, MassResolution weightResolution,
                                 HeightResolution heightResolution) {
    public WeightScaleFeature {
        supported = Set.copyOf(supported);
        Objects.requireNonNull(weightResolution, "weightResolution");
        Objects.requireNonNull(heightResolution, "heightResolution");
    }

    public enum Bit implements BitFlag {
        TIME_STAMP, MULTIPLE_USERS, BMI;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
