package org.vitalgate.codec.gatt.hts;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Float32;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * Temperature Measurement, UUID 0x2A1C, and Intermediate Temperature, UUID 0x2A1E (Health Thermometer Service
 * 1.0; GSS): flags (bit 0 Fahrenheit, 1 time stamp, 2 temperature type, 3–7 reserved) · FLOAT
 * temperature · [Date Time] · [type u8]. Length must match the flags. Stateless; thread-safe.
 */
public final class TemperatureMeasurementParser implements CharacteristicParser<TemperatureMeasurement> {
    private final boolean intermediate;

    private TemperatureMeasurementParser(boolean intermediate) {
        this.intermediate = intermediate;
    }

    /** For 0x2A1C. */
    public static TemperatureMeasurementParser measurement() {
        return new TemperatureMeasurementParser(false);
    }

    /** For 0x2A1E. */
    public static TemperatureMeasurementParser intermediate() {
        return new TemperatureMeasurementParser(true);
    }

    @Override
    public Decoded<TemperatureMeasurement> parse(Bytes value) {
        Optional<Decoded<TemperatureMeasurement>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        int expected = 5 + ((flags & 2) != 0 ? GattDateTime.OCTETS : 0) + ((flags & 4) != 0 ? 1 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        Quantity t = Float32.read(in, (flags & 1) != 0 ? Unit.DEGF : Unit.CEL);
        Optional<GattDateTime> timestamp = Optional.empty();
        if ((flags & 2) != 0) {
            Decoded<GattDateTime> d = GattDateTime.read(in);
            if (!(d instanceof Decoded.Ok<GattDateTime> ok)) {
                return Lengths.failure(d);
            }
            timestamp = Optional.of(ok.value());
        }
        OptionalInt code = (flags & 4) != 0 ? OptionalInt.of(in.u8()) : OptionalInt.empty();
        Optional<TemperatureType> type = code.isPresent() ? Optional.of(TemperatureType.of(code.getAsInt()))
                : Optional.empty();
        return Decoded.ok(new TemperatureMeasurement(intermediate, flags, t, timestamp, code, type));
    }
}
