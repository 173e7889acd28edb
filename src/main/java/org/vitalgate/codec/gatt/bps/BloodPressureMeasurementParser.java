package org.vitalgate.codec.gatt.bps;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.SFloat;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * Blood Pressure Measurement, UUID 0x2A35 (Blood Pressure Service 1.1; GATT Specification Supplement
 * "Blood Pressure Measurement"). Flags: bit 0 kPa, 1 time stamp, 2 pulse rate, 3 user id, 4 measurement status,
 * 5–7 reserved (kept, ignored). Systolic, diastolic and MAP are SFLOATs. The value length must match the flags
 * exactly. Stateless; thread-safe.
 */
public final class BloodPressureMeasurementParser implements CharacteristicParser<BloodPressureMeasurement> {
    static final int KPA = 1;
    static final int TIMESTAMP = 1 << 1;
    static final int PULSE_RATE = 1 << 2;
    static final int USER_ID = 1 << 3;
    static final int STATUS = 1 << 4;

    @Override
    public Decoded<BloodPressureMeasurement> parse(Bytes value) {
        return parseFields(value).map(f -> new BloodPressureMeasurement(f.flags, f.first, f.second, f.third,
                f.timestamp, f.pulseRate, f.userId, f.status));
    }

    /** The shared BPM/ICP layout. */
    record Fields(int flags, Quantity first, Quantity second, Quantity third, Optional<GattDateTime> timestamp,
                  Optional<Quantity> pulseRate, OptionalInt userId, Optional<BloodPressureMeasurementStatus> status) {
    }

    static Decoded<Fields> parseFields(Bytes value) {
        Optional<Decoded<Fields>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        int expected = 1 + 6 + ((flags & TIMESTAMP) != 0 ? GattDateTime.OCTETS : 0) + ((flags & PULSE_RATE) != 0 ? 2 : 0)
                + ((flags & USER_ID) != 0 ? 1 : 0) + ((flags & STATUS) != 0 ? 2 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        Unit unit = (flags & KPA) != 0 ? Unit.KPA : Unit.MMHG;
        Quantity first = SFloat.read(in, unit);
        Quantity second = SFloat.read(in, unit);
        Quantity third = SFloat.read(in, unit);
        Optional<GattDateTime> timestamp = Optional.empty();
        if ((flags & TIMESTAMP) != 0) {
            Decoded<GattDateTime> t = GattDateTime.read(in);
            if (!(t instanceof Decoded.Ok<GattDateTime> ok)) {
                return Lengths.failure(t);
            }
            timestamp = Optional.of(ok.value());
        }
        Optional<Quantity> pulse = (flags & PULSE_RATE) != 0
                ? Optional.of(SFloat.read(in, Unit.PER_MIN)) : Optional.empty();
        OptionalInt user = (flags & USER_ID) != 0 ? OptionalInt.of(in.u8()) : OptionalInt.empty();
        Optional<BloodPressureMeasurementStatus> status = (flags & STATUS) != 0
                ? Optional.of(BloodPressureMeasurementStatus.of(in.u16())) : Optional.empty();
        return Decoded.ok(new Fields(flags, first, second, third, timestamp, pulse, user, status));
    }
}
