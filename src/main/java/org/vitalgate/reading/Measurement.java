package org.vitalgate.reading;

import java.util.Objects;

/** One measured value of one type; the type and unit must agree. */
public record Measurement(MeasurementType type, Quantity quantity) {
    public Measurement {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        if (!type.accepts(quantity.unit())) {
            throw new IllegalArgumentException(type + " cannot be measured in " + quantity.unit().ucum());
        }
    }

    public static Measurement of(MeasurementType type, String value, Unit unit) {
        return new Measurement(type, Quantity.of(value, unit));
    }

    public Unit unit() {
        return quantity.unit();
    }

    public String loinc() {
        return type.loinc(quantity.unit());
    }
}
