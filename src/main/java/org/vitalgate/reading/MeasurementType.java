package org.vitalgate.reading;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a measurement measures, with its IEEE 11073-10101 MDC code (32-bit, partition 2), its LOINC code
 * and the units it may carry. Source: device-protocols.md Part D; FHIR R4 vital-signs profile.
 *
 * <p>Glucose LOINC depends on the unit (mass/volume versus moles/volume), hence {@link #loinc(Unit)}.
 */
public enum MeasurementType {
    BP_SYSTOLIC("MDC_PRESS_BLD_NONINV_SYS", 150021, "8480-6", null, EnumSet.of(Unit.MMHG, Unit.KPA)),
    BP_DIASTOLIC("MDC_PRESS_BLD_NONINV_DIA", 150022, "8462-4", null, EnumSet.of(Unit.MMHG, Unit.KPA)),
    BP_MEAN("MDC_PRESS_BLD_NONINV_MEAN", 150023, "8478-0", null, EnumSet.of(Unit.MMHG, Unit.KPA)),
    PULSE_RATE_NONINV("MDC_PULS_RATE_NON_INV", 149546, "8867-4", null, EnumSet.of(Unit.PER_MIN)),
    SPO2("MDC_PULS_OXIM_SAT_O2", 150456, "59408-5", null, EnumSet.of(Unit.PERCENT)),
    PULSE_RATE_OXIMETER("MDC_PULS_OXIM_PULS_RATE", 149530, "8867-4", null, EnumSet.of(Unit.PER_MIN)),
    BODY_WEIGHT("MDC_MASS_BODY_ACTUAL", 188736, "29463-7", null, EnumSet.of(Unit.KG, Unit.LB)),
    BODY_HEIGHT("MDC_LEN_BODY_ACTUAL", 188740, "8302-2", null, EnumSet.of(Unit.CM, Unit.INCH)),
    BMI("MDC_RATIO_MASS_BODY_LEN_SQ", 188752, "39156-5", null, EnumSet.of(Unit.KG_PER_M2)),
    BODY_FAT("MDC_BODY_FAT", 188748, "41982-0", null, EnumSet.of(Unit.PERCENT)),
    BODY_TEMPERATURE("MDC_TEMP_BODY", 150364, "8310-5", null, EnumSet.of(Unit.CEL, Unit.DEGF)),
    /** Capillary whole-blood glucose; LOINC 41653-7 (mass/volume) or 14743-9 (moles/volume). */
    GLUCOSE_CAPILLARY_WHOLE_BLOOD("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", 160184, "41653-7", "14743-9",
            EnumSet.of(Unit.MG_PER_DL, Unit.MMOL_PER_L)),
    /** Capillary plasma glucose; LOINC as for whole blood (no authoritative plasma-specific mapping found). */
    GLUCOSE_CAPILLARY_PLASMA("MDC_CONC_GLU_CAPILLARY_PLASMA", 160188, "41653-7", "14743-9",
            EnumSet.of(Unit.MG_PER_DL, Unit.MMOL_PER_L));

    private final String mdcReference;
    private final int mdc;
    private final String loinc;
    private final String loincMolar;
    private final Set<Unit> units;

    MeasurementType(String mdcReference, int mdc, String loinc, String loincMolar, Set<Unit> units) {
        this.mdcReference = mdcReference;
        this.mdc = mdc;
        this.loinc = loinc;
        this.loincMolar = loincMolar;
        this.units = units;
    }

    public String mdcReference() {
        return mdcReference;
    }

    /** The 32-bit MDC code (partition × 65536 + term code). */
    public int mdc() {
        return mdc;
    }

    /** The LOINC code for a value in {@code unit}. */
    public String loinc(Unit unit) {
        Objects.requireNonNull(unit, "unit");
        if (unit == Unit.MMOL_PER_L && loincMolar != null) {
            return loincMolar;
        }
        return loinc;
    }

    public boolean accepts(Unit unit) {
        return units.contains(unit);
    }

    public Set<Unit> units() {
        return EnumSet.copyOf(units);
    }
}
