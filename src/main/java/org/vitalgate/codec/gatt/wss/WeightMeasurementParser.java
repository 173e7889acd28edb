package org.vitalgate.codec.gatt.wss;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Quantity;

/**
 * Weight Measurement, UUID 0x2A9D (Weight Scale Service 1.0; GSS): flags (bit 0 imperial, 1 time stamp,
 * 2 user id, 3 BMI and height, 4–7 reserved) · uint16 weight · [Date Time] · [user id] · [uint16 BMI, uint16
 * height]. The weight uses the fixed SIG resolution (0.005 kg / 0.01 lb), not the Weight Scale Feature's
 * advertised resolution; 0xFFFF = measurement unsuccessful. Length must match the flags. Stateless.
 */
public final class WeightMeasurementParser implements CharacteristicParser<WeightMeasurement> {
    static final int UNSUCCESSFUL = 0xFFFF;

    @Override
    public Decoded<WeightMeasurement> parse(Bytes value) {
        Optional<Decoded<WeightMeasurement>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        boolean imperial = (flags & 1) != 0;
        int expected = 3 + ((flags & 2) != 0 ? GattDateTime.OCTETS : 0) + ((flags & 4) != 0 ? 1 : 0)
                + ((flags & 8) != 0 ? 4 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        int raw = in.u16();
        Optional<Quantity> weight = raw == UNSUCCESSFUL ? Optional.empty()
                : Optional.of(Resolutions.mass(raw, imperial));
        Optional<GattDateTime> timestamp = Optional.empty();
        if ((flags & 2) != 0) {
            Decoded<GattDateTime> d = GattDateTime.read(in);
            if (!(d instanceof Decoded.Ok<GattDateTime> ok)) {
                return Lengths.failure(d);
            }
            timestamp = Optional.of(ok.value());
        }
        OptionalInt user = (flags & 4) != 0 ? OptionalInt.of(in.u8()) : OptionalInt.empty();
        Optional<Quantity> bmi = Optional.empty();
        Optional<Quantity> height = Optional.empty();
        if ((flags & 8) != 0) {
            bmi = Optional.of(Resolutions.bmi(in.u16()));
            height = Optional.of(Resolutions.height(in.u16(), imperial));
        }
        return Decoded.ok(new WeightMeasurement(flags, imperial, weight, raw == UNSUCCESSFUL, timestamp, user, bmi,
                height));
    }
}
