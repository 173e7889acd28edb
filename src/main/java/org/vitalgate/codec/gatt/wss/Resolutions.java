package org.vitalgate.codec.gatt.wss;

import java.math.BigDecimal;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * Fixed-point fields shared by Weight Scale and Body Composition (GSS "Weight Measurement" and "Body Composition
 * Measurement"): masses are uint16 × 0.005 kg (SI) or × 0.01 lb (imperial); height uint16 × 0.001 m (kept as
 * × 0.1 cm, exact) or × 0.1 in; BMI uint16 × 0.1 kg/m². Stateless.
 */
public final class Resolutions {
    private Resolutions() {
    }

    public static Quantity mass(int raw, boolean imperial) {
        return imperial ? Quantity.of(BigDecimal.valueOf(raw, 2), Unit.LB)
                : Quantity.of(BigDecimal.valueOf(raw * 5L, 3), Unit.KG);
    }

    public static Quantity height(int raw, boolean imperial) {
        return Quantity.of(BigDecimal.valueOf(raw, 1), imperial ? Unit.INCH : Unit.CM);
    }

    public static Quantity bmi(int raw) {
        return Quantity.of(BigDecimal.valueOf(raw, 1), Unit.KG_PER_M2);
    }

    /** Weight resolution codes (bits 3–6 of the WSS feature, 11–14 of the BCS feature). */
    public enum MassResolution {
        NOT_SPECIFIED(null, null), KG_0_5(".5", "1"), KG_0_2(".2", ".5"), KG_0_1(".1", ".2"), KG_0_05(".05", ".1"),
        KG_0_02(".02", ".05"), KG_0_01(".01", ".02"), KG_0_005(".005", ".01"), RESERVED(null, null);

        private final String kg;
        private final String lb;

        MassResolution(String kg, String lb) {
            this.kg = kg;
            this.lb = lb;
        }

        public static MassResolution of(int code) {
            return code <= 7 ? values()[code] : RESERVED;
        }

        /** The resolution in kg (SI) or lb (imperial); null-free: empty when not specified or reserved. */
        public java.util.Optional<BigDecimal> step(boolean imperial) {
            String s = imperial ? lb : kg;
            return s == null ? java.util.Optional.empty() : java.util.Optional.of(new BigDecimal(s));
        }
    }

    /** Height resolution codes (bits 7–9 of the WSS feature, 15–17 of the BCS feature). */
    public enum HeightResolution {
        NOT_SPECIFIED, M_0_01_OR_IN_1, M_0_005_OR_IN_0_5, M_0_001_OR_IN_0_1, RESERVED;

        public static HeightResolution of(int code) {
            return code <= 3 ? values()[code] : RESERVED;
        }
    }
}
