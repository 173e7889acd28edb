package org.vitalgate.reading;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A measured quantity: either a decimal value in a unit (its scale is the device's precision: 36.40 Cel
 * stays two decimals) or an IEEE 11073 special value that carries no number.
 */
public sealed interface Quantity permits Quantity.Value, Quantity.Special {

    Unit unit();

    static Value of(BigDecimal value, Unit unit) {
        return new Value(value, unit);
    }

    static Value of(String value, Unit unit) {
        return new Value(new BigDecimal(value), unit);
    }

    static Special special(SpecialValue kind, Unit unit) {
        return new Special(kind, unit);
    }

    /** A number with its unit. */
    record Value(BigDecimal value, Unit unit) implements Quantity {
        public Value {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String toString() {
            return value.toPlainString() + " " + unit.ucum();
        }
    }

    /** An explicit IEEE 11073 special value (NaN, NRes, ±INF, reserved): never a silent NaN or zero. */
    record Special(SpecialValue kind, Unit unit) implements Quantity {
        public Special {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String toString() {
            return kind + " " + unit.ucum();
        }
    }

    /** IEEE 11073-20601 special values of SFLOAT/FLOAT. */
    enum SpecialValue {
        NAN, NRES, POSITIVE_INFINITY, NEGATIVE_INFINITY, RESERVED
    }
}
