package org.vitalgate.codec.gatt.hts;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Quantity;

/**
 * A decoded Temperature Measurement (0x2A1C) or Intermediate Temperature (0x2A1E), in Cel or [degF] as the
 * flags say. {@code intermediate} tells which characteristic it came from (intermediate values are not
 * readings). Immutable.
 *
 * @param temperatureTypeCode the raw type octet when present
 */
public record TemperatureMeasurement(boolean intermediate, int flags, Quantity temperature,
                                     Optional<GattDateTime> timestamp, OptionalInt temperatureTypeCode,
                                     Optional<TemperatureType> temperatureType) {
    public TemperatureMeasurement {
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(temperatureTypeCode, "temperatureTypeCode");
        Objects.requireNonNull(temperatureType, "temperatureType");
    }
}
