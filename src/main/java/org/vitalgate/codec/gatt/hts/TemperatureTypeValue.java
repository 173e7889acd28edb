package org.vitalgate.codec.gatt.hts;

import java.util.Objects;

/** A decoded Temperature Type characteristic (0x2A1D): the raw code and its meaning. Immutable. */
public record TemperatureTypeValue(int code, TemperatureType type) {
    public TemperatureTypeValue {
        Objects.requireNonNull(type, "type");
    }
}
