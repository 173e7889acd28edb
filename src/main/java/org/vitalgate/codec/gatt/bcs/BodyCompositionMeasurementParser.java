package org.vitalgate.codec.gatt.bcs;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.codec.gatt.wss.Resolutions;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * Body Composition Measurement, UUID 0x2A9C (Body Composition Service 1.0; GSS), one indication: uint16
 * flags (bit 0 imperial, 1 time stamp, 2 user id, 3 basal metabolism, 4 muscle %, 5 muscle mass, 6 fat-free
 * mass, 7 soft lean mass, 8 body water mass, 9 impedance, 10 weight, 11 height, 12 multiple packet, 13–15
 * reserved) · uint16 body fat (0.1 %, 0xFFFF = unsuccessful) · the flagged fields in that order. Each packet
 * of a multi-packet measurement is parsed on its own; {@link BodyCompositionAssembler} joins them.
 * Length must match the flags. Stateless; thread-safe.
 */
public final class BodyCompositionMeasurementParser implements CharacteristicParser<BodyCompositionMeasurement> {
    static final int UNSUCCESSFUL = 0xFFFF;

    @Override
    public Decoded<BodyCompositionMeasurement> parse(Bytes value) {
        Optional<Decoded<BodyCompositionMeasurement>> bad = Lengths.atLeast(value, 2);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u16();
        int expected = 4 + (bit(flags, 1) ? GattDateTime.OCTETS : 0) + (bit(flags, 2) ? 1 : 0);
        for (int b = 3; b <= 11; b++) {
            expected += bit(flags, b) ? 2 : 0;
        }
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        boolean imperial = bit(flags, 0);
        int fat = in.u16();
        Optional<Quantity> bodyFat = fat == UNSUCCESSFUL ? Optional.empty() : Optional.of(percent(fat));
        Optional<GattDateTime> timestamp = Optional.empty();
        if (bit(flags, 1)) {
            Decoded<GattDateTime> d = GattDateTime.read(in);
            if (!(d instanceof Decoded.Ok<GattDateTime> ok)) {
                return Lengths.failure(d);
            }
            timestamp = Optional.of(ok.value());
        }
        OptionalInt user = bit(flags, 2) ? OptionalInt.of(in.u8()) : OptionalInt.empty();
        OptionalInt basal = bit(flags, 3) ? OptionalInt.of(in.u16()) : OptionalInt.empty();
        Optional<Quantity> musclePct = bit(flags, 4) ? Optional.of(percent(in.u16())) : Optional.empty();
        Optional<Quantity> muscleMass = mass(in, flags, 5, imperial);
        Optional<Quantity> fatFree = mass(in, flags, 6, imperial);
        Optional<Quantity> softLean = mass(in, flags, 7, imperial);
        Optional<Quantity> water = mass(in, flags, 8, imperial);
        Optional<BigDecimal> impedance = bit(flags, 9) ? Optional.of(BigDecimal.valueOf(in.u16(), 1)) : Optional.empty();
        Optional<Quantity> weight = mass(in, flags, 10, imperial);
        Optional<Quantity> height = bit(flags, 11) ? Optional.of(Resolutions.height(in.u16(), imperial))
                : Optional.empty();
        return Decoded.ok(new BodyCompositionMeasurement(flags, imperial, bit(flags, 12), bodyFat, fat == UNSUCCESSFUL,
                timestamp, user, basal, musclePct, muscleMass, fatFree, softLean, water, impedance, weight, height));
    }

    private static Quantity percent(int raw) {
        return Quantity.of(BigDecimal.valueOf(raw, 1), Unit.PERCENT);
    }

    private static Optional<Quantity> mass(ByteReader in, int flags, int bit, boolean imperial) {
        return bit(flags, bit) ? Optional.of(Resolutions.mass(in.u16(), imperial)) : Optional.empty();
    }

    private static boolean bit(int flags, int bit) {
        return (flags >> bit & 1) != 0;
    }
}
