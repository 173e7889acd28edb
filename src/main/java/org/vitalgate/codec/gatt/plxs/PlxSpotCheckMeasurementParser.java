package org.vitalgate.codec.gatt.plxs;

import java.util.Optional;
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
 * PLX Spot-Check Measurement, UUID 0x2A5E (Pulse Oximeter Service 1.0; GSS): flags (bit 0 timestamp,
 * 1 measurement status, 2 device and sensor status, 3 pulse amplitude index, 4 device clock not set, 5–7
 * reserved) · SFLOAT SpO2 % · SFLOAT PR /min · [Date Time] · [u16 status] · [u24 device/sensor status] ·
 * [SFLOAT PAI %]. Length must match the flags. Stateless; thread-safe.
 */
public final class PlxSpotCheckMeasurementParser implements CharacteristicParser<PlxSpotCheckMeasurement> {
    @Override
    public Decoded<PlxSpotCheckMeasurement> parse(Bytes value) {
        Optional<Decoded<PlxSpotCheckMeasurement>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        int expected = 5 + ((flags & 1) != 0 ? GattDateTime.OCTETS : 0) + ((flags & 2) != 0 ? 2 : 0)
                + ((flags & 4) != 0 ? 3 : 0) + ((flags & 8) != 0 ? 2 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        Quantity spo2 = SFloat.read(in, Unit.PERCENT);
        Quantity pr = SFloat.read(in, Unit.PER_MIN);
        Optional<GattDateTime> timestamp = Optional.empty();
        if ((flags & 1) != 0) {
            Decoded<GattDateTime> d = GattDateTime.read(in);
            if (!(d instanceof Decoded.Ok<GattDateTime> ok)) {
                return Lengths.failure(d);
            }
            timestamp = Optional.of(ok.value());
        }
        Optional<PlxMeasurementStatus> ms = (flags & 2) != 0 ? Optional.of(PlxMeasurementStatus.of(in.u16()))
                : Optional.empty();
        Optional<PlxDeviceAndSensorStatus> dss = (flags & 4) != 0
                ? Optional.of(PlxDeviceAndSensorStatus.of(in.u24())) : Optional.empty();
        Optional<Quantity> pai = (flags & 8) != 0 ? Optional.of(SFloat.read(in, Unit.PERCENT)) : Optional.empty();
        return Decoded.ok(new PlxSpotCheckMeasurement(flags, spo2, pr, timestamp, ms, dss, pai, (flags & 16) != 0));
    }
}
