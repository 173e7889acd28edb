package org.vitalgate.codec.gatt.bps;

import java.util.Set;
import org.vitalgate.codec.BitFlag;

/**
 * Blood Pressure Feature (0x2A49), 16 bits; {@code raw} keeps reserved bits. Immutable.
 */
public record BloodPressureFeature(int raw, Set<Bit> supported) {
    public BloodPressureFeature {
        supported = Set.copyOf(supported);
    }

    public enum Bit implements BitFlag {
        BODY_MOVEMENT_DETECTION, CUFF_FIT_DETECTION, IRREGULAR_PULSE_DETECTION, PULSE_RATE_RANGE_DETECTION,
        MEASUREMENT_POSITION_DETECTION, MULTIPLE_BONDS, E2E_CRC, USER_DATA_SERVICE, USER_FACING_TIME;

        @Override
        public int bit() {
            return ordinal();
        }
    }
}
