package org.vitalgate.codec.gatt.plxs;

import java.util.Optional;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.SFloat;
import org.vitalgate.codec.gatt.plxs.PlxContinuousMeasurement.SpO2Pr;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * PLX Continuous Measurement, UUID 0x2A5F (PLXS 1.0; GSS): flags (bit 0 SpO2PR-Fast, 1 SpO2PR-Slow,
 * 2 measurement status, 3 device and sensor status, 4 pulse amplitude index, 5–7 reserved) · SpO2PR-Normal ·
 * [SpO2PR-Fast] · [SpO2PR-Slow] · [u16 status] · [u24 device/sensor status] · [SFLOAT PAI]. Length must
 * match the flags. Stateless; thread-safe.
 */
public final class PlxContinuousMeasurementParser implements CharacteristicParser<PlxContinuousMeasurement> {
    @Override
    public Decoded<PlxContinuousMeasurement> parse(Bytes value) {
        Optional<Decoded<PlxContinuousMeasurement>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        int expected = 5 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 2 : 0)
                + ((flags & 8) != 0 ? 3 : 0) + ((flags & 16) != 0 ? 2 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        SpO2Pr normal = pair(in);
        Optional<SpO2Pr> fast = (flags & 1) != 0 ? Optional.of(pair(in)) : Optional.empty();
        Optional<SpO2Pr> slow = (flags & 2) != 0 ? Optional.of(pair(in)) : Optional.empty();
        Optional<PlxMeasurementStatus> ms = (flags & 4) != 0 ? Optional.of(PlxMeasurementStatus.of(in.u16()))
                : Optional.empty();
        Optional<PlxDeviceAndSensorStatus> dss = (flags & 8) != 0
                ? Optional.of(PlxDeviceAndSensorStatus.of(in.u24())) : Optional.empty();
        Optional<Quantity> pai = (flags & 16) != 0 ? Optional.of(SFloat.read(in, Unit.PERCENT)) : Optional.empty();
        return Decoded.ok(new PlxContinuousMeasurement(flags, normal, fast, slow, ms, dss, pai));
    }

    private static SpO2Pr pair(ByteReader in) {
        Quantity spo2 = SFloat.read(in, Unit.PERCENT);
        return new SpO2Pr(spo2, SFloat.read(in, Unit.PER_MIN));
    }
}
