package org.vitalgate.codec.vendor.nonin;

import java.util.OptionalInt;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/**
 * Nonin 3230 Continuous Oximetry characteristic {@code 0AAD7EA0-0D60-11E2-8E3C-0002A5D5C51B} of the Nonin
 * Oximetry Service {@code 46A970E0-0D5F-11E2-8B5E-0002A5D5C51B} (device-protocols.md B.3). Codec id
 * {@code nonin.oximetry}. Big-endian, 10 octets:
 *
 * <pre>
 * 0    packet length (= 10)
 * 1    status: bit1 weak signal, bit2 SmartPoint, bit3 searching, bit4 CorrectCheck, bit5 low battery, bit6 encrypted
 * 2    battery voltage, 0.1 V
 * 3-4  Pulse Amplitude Index, 0.01 %
 * 5-6  counter, seconds since measurement start
 * 7    SpO2 % (127 = missing)
 * 8-9  pulse rate bpm (511 = missing)
 * </pre>
 *
 * Stateless; thread-safe.
 */
public final class NoninContinuousOximetryParser implements CharacteristicParser<NoninOximetrySample> {
    public static final String CODEC_ID = "nonin.oximetry";
    /** The Continuous Oximetry characteristic. */
    public static final String UUID = "0aad7ea0-0d60-11e2-8e3c-0002a5d5c51b";
    static final int LENGTH = 10;
    static final int SPO2_MISSING = 127;
    static final int PULSE_MISSING = 511;

    @Override
    public Decoded<NoninOximetrySample> parse(Bytes value) {
        if (value.size() != LENGTH) {
            return Decoded.malformed("expected " + LENGTH + " octets, got " + value.size(), 0, value);
        }
        if (value.u8(0) != LENGTH) {
            return Decoded.malformed("length field " + value.u8(0) + " does not match " + LENGTH, 0, value);
        }
        int status = value.u8(1);
        int spo2 = value.u8(7);
        int pulse = u16be(value, 8);
        if (spo2 != SPO2_MISSING && spo2 > 100) {
            return Decoded.malformed("SpO2 " + spo2 + " % out of range", 7, value);
        }
        if (pulse != PULSE_MISSING && pulse > 500) {
            return Decoded.malformed("pulse rate " + pulse + " bpm out of range", 8, value);
        }
        return Decoded.ok(new NoninOximetrySample(
                spo2 == SPO2_MISSING ? OptionalInt.empty() : OptionalInt.of(spo2),
                pulse == PULSE_MISSING ? OptionalInt.empty() : OptionalInt.of(pulse),
                u16be(value, 3), u16be(value, 5), value.u8(2),
                new NoninOximetrySample.Status((status & 0x02) != 0, (status & 0x04) != 0, (status & 0x08) != 0,
                        (status & 0x10) != 0, (status & 0x20) != 0, (status & 0x40) != 0)));
    }

    private static int u16be(Bytes b, int offset) {
        return b.u8(offset) << 8 | b.u8(offset + 1);
    }
}
