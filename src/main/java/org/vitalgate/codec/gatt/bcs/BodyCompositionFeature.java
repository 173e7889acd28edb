package org.vitalgate.codec.gatt.bcs;

import java.util.Objects;
import java.util.Set;
import org.vitalgate.codec.BitFlag;
import org.vitalgate.codec.gatt.wss.Resolutions.HeightResolution;
import org.vitalgate.codec.gatt.wss.Resolutions.MassResolution;

/** Body Composition Feature (0x2A9B), 32 bits; {@code raw} keeps reserved bits 18–31. Immutable. */
public record BodyCompositionFeature(long raw, Set<Bit> supported, MassResolution massResolution,
                                     HeightResolution heightResolution) {
    public BodyCompositionFeature {
        supported = Set.copyOf(supported);
        Objects.requireNonNull(massResolution, "massResolution");
        Objects.requireNonNull(heightResolution, "heightResolution");
    }

    public enum Bit implements BitFlag {
        TIME_STAMP, MULTIPLE_USERS, BASAL_METABOLISM, MUSCLE_PERCENTAGE, MUSCLE_MASS, FAT_FREE_MASS, SOFT_LEAN_MASS,
        BODY_WATER_MASS, IMPEDANCE, WEIGHT, HEIGHT;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
