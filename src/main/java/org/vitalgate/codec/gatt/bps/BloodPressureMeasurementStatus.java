package org.vitalgate.codec.gatt.bps;

import java.util.Objects;
import java.util.Set;
import org.vitalgate.codec.BitFlag;

/**
 * The 16-bit Measurement Status of Blood Pressure Measurement / Intermediate Cuff Pressure (BLS):
 * bit 0 body movement, 1 cuff too loose, 2 irregular pulse, 3–4 pulse-rate range, 5 improper measurement
 * position, 6–15 reserved. {@code raw} keeps every bit, reserved ones included. Immutable.
 */
public record BloodPressureMeasurementStatus(int raw, Set<Bit> bits, PulseRateRange pulseRateRange) {
    public BloodPressureMeasurementStatus {
        bits = Set.copyOf(bits);
        Objects.requireNonNull(pulseRateRange, "pulseRateRange");
    }

    public static BloodPressureMeasurementStatus of(int raw) {
        return new BloodPressureMeasurementStatus(raw, BitFlag.decode(raw, Bit.class),
                PulseRateRange.values()[raw >> 3 & 3]);
    }

    public enum Bit implements BitFlag {
        BODY_MOVEMENT(0), CUFF_TOO_LOOSE(1), IRREGULAR_PULSE(2), IMPROPER_MEASUREMENT_POSITION(5);

        private final int bit;

        Bit(int bit) {
            this.bit = bit;
        }

        @Override
        public int bit() {
            return bit;
        }
    }

    /** Bits 3–4: 0 within range, 1 exceeds upper limit, 2 below lower limit, 3 reserved. */
    public enum PulseRateRange { WITHIN_RANGE, EXCEEDS_UPPER_LIMIT, BELOW_LOWER_LIMIT, RESERVED }
}
