package org.vitalgate.codec.gatt.gls;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.MderFloat;
import org.vitalgate.reading.Quantity;

/**
 * A decoded Glucose Measurement Context (0x2A34). Codes are kept raw next to their meaning; unknown codes
 * (e.g. i-SENS meal = 6 for ketone) become {@code UNKNOWN}, never an error. Immutable.
 */
public record GlucoseMeasurementContext(int flags, int sequenceNumber, OptionalInt extendedFlags,
                                        Optional<Carbohydrate> carbohydrate, Optional<Coded<Meal>> meal,
                                        Optional<Coded<Tester>> tester, Optional<Coded<Health>> health,
                                        Optional<Exercise> exercise, Optional<Medication> medication,
                                        Optional<Quantity> hba1c) {
    public GlucoseMeasurementContext {
        Objects.requireNonNull(extendedFlags, "extendedFlags");
        Objects.requireNonNull(carbohydrate, "carbohydrate");
        Objects.requireNonNull(meal, "meal");
        Objects.requireNonNull(tester, "tester");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(medication, "medication");
        Objects.requireNonNull(hba1c, "hba1c");
    }

    /** A raw code and its meaning. */
    public record Coded<E extends Enum<E>>(int code, E meaning) {
        public Coded {
            Objects.requireNonNull(meaning, "meaning");
        }
    }

    /** Carbohydrate ID and amount in kilograms. */
    public record Carbohydrate(Coded<CarbohydrateId> id, MderFloat kilograms) {
    }

    /** Exercise duration in seconds (65535 = overrun) and intensity in percent. */
    public record Exercise(int durationSeconds, boolean durationOverrun, int intensityPercent) {
    }

    /** Medication ID and amount in kilograms (flag bit 5 = 0) or litres (bit 5 = 1). */
    public record Medication(Coded<MedicationId> id, MderFloat amount, MedicationUnit unit) {
    }

    public enum MedicationUnit { KILOGRAMS, LITRES }

    public enum CarbohydrateId {
        UNKNOWN, BREAKFAST, LUNCH, DINNER, SNACK, DRINK, SUPPER, BRUNCH;

        static CarbohydrateId of(int c) {
            return c >= 1 && c <= 7 ? values()[c] : UNKNOWN;
        }
    }

    public enum Meal {
        UNKNOWN, PREPRANDIAL, POSTPRANDIAL, FASTING, CASUAL, BEDTIME;

        static Meal of(int c) {
            return c >= 1 && c <= 5 ? values()[c] : UNKNOWN;
        }
    }

    public enum Tester {
        UNKNOWN, SELF, HEALTH_CARE_PROFESSIONAL, LAB_TEST, NOT_AVAILABLE;

        static Tester of(int c) {
            if (c == 15) {
                return NOT_AVAILABLE;
            }
            return c >= 1 && c <= 3 ? values()[c] : UNKNOWN;
        }
    }

    public enum Health {
        UNKNOWN, MINOR_HEALTH_ISSUES, MAJOR_HEALTH_ISSUES, DURING_MENSES, UNDER_STRESS, NO_HEALTH_ISSUES,
        NOT_AVAILABLE;

        static Health of(int c) {
            if (c == 15) {
                return NOT_AVAILABLE;
            }
            return c >= 1 && c <= 5 ? values()[c] : UNKNOWN;
        }
    }

    public enum MedicationId {
        UNKNOWN, RAPID_ACTING_INSULIN, SHORT_ACTING_INSULIN, INTERMEDIATE_ACTING_INSULIN, LONG_ACTING_INSULIN,
        PRE_MIXED_INSULIN;

        static MedicationId of(int c) {
            return c >= 1 && c <= 5 ? values()[c] : UNKNOWN;
        }
    }
}
