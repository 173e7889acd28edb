package org.vitalgate.codec;

import java.math.BigDecimal;
import java.util.Objects;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * A decoded IEEE 11073-20601 SFLOAT or FLOAT (the MDER FLOAT types): a finite decimal whose scale keeps the
 * device's precision ({@code 0xF014} is 2.0, {@code 0xE0C8} is 2.00), or one of the special values.
 * Used where the wire unit is not a platform {@link Unit} (glucose kg/L, mol/L); elsewhere parsers build a
 * {@link Quantity} directly with {@link #in(Unit)}. Immutable.
 */
public sealed interface MderFloat permits MderFloat.Finite, MderFloat.Special {

    /** This number as a quantity in {@code unit}. */
    Quantity in(Unit unit);

    /** mantissa × 10^exponent, with scale = −exponent. */
    record Finite(BigDecimal value) implements MderFloat {
        public Finite {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Quantity in(Unit unit) {
            return Quantity.of(value, unit);
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /** NaN, NRes, ±INF or reserved. */
    record Special(Quantity.SpecialValue kind) implements MderFloat {
        public Special {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public Quantity in(Unit unit) {
            return Quantity.special(kind, unit);
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }
}
