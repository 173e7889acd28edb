package org.vitalgate.reading;

/**
 * Units of measure: the UCUM code the platform receives and the IEEE 11073 MDC dimension code
 * (partition 4). Source: device-protocols.md Part D.
 */
public enum Unit {
    MMHG("mm[Hg]", 266016),
    KPA("kPa", 265987),
    PER_MIN("/min", 264864),
    PERCENT("%", 262688),
    KG("kg", 263875),
    LB("[lb_av]", 263904),
    CM("cm", 263441),
    INCH("[in_i]", 263520),
    KG_PER_M2("kg/m2", 264096),
    CEL("Cel", 268192),
    DEGF("[degF]", 266560),
    MG_PER_DL("mg/dL", 264274),
    MMOL_PER_L("mmol/L", 266866);

    private final String ucum;
    private final int mdc;

    Unit(String ucum, int mdc) {
        this.ucum = ucum;
        this.mdc = mdc;
    }

    /** The UCUM case-sensitive code, e.g. {@code mm[Hg]}. */
    public String ucum() {
        return ucum;
    }

    /** The 32-bit MDC dimension code, e.g. 266016 for MDC_DIM_MMHG. */
    public int mdc() {
        return mdc;
    }

    public static Unit fromUcum(String ucum) {
        for (Unit u : values()) {
            if (u.ucum.equals(ucum)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown UCUM unit: " + ucum);
    }
}
