package org.vitalgate.codec.gatt.plxs;

import java.util.Set;
import org.vitalgate.codec.BitFlag;

/** PLX Measurement Status (16 bits; bits 0–4 reserved, kept in {@code raw}). Immutable. */
public record PlxMeasurementStatus(int raw, Set<Bit> bits) {
    public PlxMeasurementStatus {
        bits = Set.copyOf(bits);
    }

    public static PlxMeasurementStatus of(int raw) {
        return new PlxMeasurementStatus(raw, BitFlag.decode(raw, Bit.class));
    }

    public enum Bit implements BitFlag {
        MEASUREMENT_ONGOING, EARLY_ESTIMATED_DATA, VALIDATED_DATA, FULLY_QUALIFIED_DATA, DATA_FROM_MEASUREMENT_STORAGE,
        DATA_FOR_DEMONSTRATION, DATA_FOR_TESTING, CALIBRATION_ONGOING, MEASUREMENT_UNAVAILABLE,
        QUESTIONABLE_MEASUREMENT_DETECTED, INVALID_MEASUREMENT_DETECTED;

        @Override
        public int bit() {
            return ordinal() + 5;
        }
    }
}
