package org.vitalgate.codec.gatt.gls;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.SFloat;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.Concentration;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.ConcentrationUnit;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.GlucoseType;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.SampleLocation;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurement.SensorStatus;
import org.vitalgate.reading.Bytes;

/**
 * Glucose Measurement, UUID 0x2A18 (Glucose Service 1.0 / GSS "Glucose Measurement"): flags (bit 0 time
 * offset, 1 concentration + type/location, 2 mol/L, 3 sensor status annunciation, 4 context follows, 5–7
 * reserved) · uint16 sequence number · Base Time (7) · sint16 time offset (min) · SFLOAT concentration · type
 * (low nibble) / sample location (high nibble) · uint16 status. Length must match the flags. Stateless.
 */
public final class GlucoseMeasurementParser implements CharacteristicParser<GlucoseMeasurement> {
    static final int TIME_OFFSET = 1;
    static final int CONCENTRATION = 1 << 1;
    static final int MOL_PER_L = 1 << 2;
    static final int STATUS = 1 << 3;
    static final int CONTEXT_FOLLOWS = 1 << 4;

    @Override
    public Decoded<GlucoseMeasurement> parse(Bytes value) {
        Optional<Decoded<GlucoseMeasurement>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        int expected = 1 + 2 + GattDateTime.OCTETS + ((flags & TIME_OFFSET) != 0 ? 2 : 0)
                + ((flags & CONCENTRATION) != 0 ? 3 : 0) + ((flags & STATUS) != 0 ? 2 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        int sequence = in.u16();
        Decoded<GattDateTime> base = GattDateTime.read(in);
        if (!(base instanceof Decoded.Ok<GattDateTime> baseOk)) {
            return Lengths.failure(base);
        }
        OptionalInt offset = (flags & TIME_OFFSET) != 0 ? OptionalInt.of(in.s16()) : OptionalInt.empty();
        Optional<Concentration> concentration = Optional.empty();
        if ((flags & CONCENTRATION) != 0) {
            var v = SFloat.decode(in.u16());
            int typeLocation = in.u8();
            int type = typeLocation & 0x0F;
            int location = typeLocation >> 4;
            concentration = Optional.of(new Concentration(v,
                    (flags & MOL_PER_L) != 0 ? ConcentrationUnit.MOL_PER_L : ConcentrationUnit.KG_PER_L,
                    type, GlucoseType.of(type), location, SampleLocation.of(location)));
        }
        Optional<SensorStatus> status = (flags & STATUS) != 0 ? Optional.of(SensorStatus.of(in.u16()))
                : Optional.empty();
        return Decoded.ok(new GlucoseMeasurement(flags, sequence, baseOk.value(), offset, concentration, status,
                (flags & CONTEXT_FOLLOWS) != 0));
    }
}
