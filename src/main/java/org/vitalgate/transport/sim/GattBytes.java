package org.vitalgate.transport.sim;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import org.vitalgate.reading.Bytes;

/**
 * Writes the Bluetooth SIG characteristic values the simulated devices send, little-endian, with IEEE 11073
 * SFLOAT/FLOAT built from explicit (mantissa, exponent) pairs. Stateless.
 */
final class GattBytes {
    private GattBytes() {
    }

    /** Blood Pressure Measurement 0x2A35: mmHg, time stamp, pulse, user id, measurement status. */
    static Bytes bloodPressure(int sys, int dia, int map, int pulse, int user, boolean irregular, LocalDateTime t) {
        Writer w = new Writer();
        w.u8(0x02 | 0x04 | 0x08 | 0x10);
        w.sfloat(sys, 0).sfloat(dia, 0).sfloat(map, 0);
        w.dateTime(t);
        w.sfloat(pulse, 0);
        w.u8(user);
        w.u16(irregular ? 0x0004 : 0x0000);
        return w.bytes();
    }

    /** PLX Spot-Check Measurement 0x2A5E: SpO2 %, pulse rate, time stamp. */
    static Bytes plxSpotCheck(int spo2, int pulse, LocalDateTime t) {
        Writer w = new Writer();
        w.u8(0x01);
        w.sfloat(spo2, 0).sfloat(pulse, 0);
        w.dateTime(t);
        return w.bytes();
    }

    /** Weight Measurement 0x2A9D: SI units (resolution 0.005 kg), time stamp, user id. */
    static Bytes weightKg(double kg, int user, LocalDateTime t) {
        Writer w = new Writer();
        w.u8(0x02 | 0x04);
        w.u16((int) Math.round(kg / 0.005));
        w.dateTime(t);
        w.u8(user);
        return w.bytes();
    }

    /** Glucose Measurement 0x2A18: sequence number, base time, concentration in kg/L, capillary whole blood, finger. */
    static Bytes glucoseMgDl(int sequence, int mgPerDl, LocalDateTime t) {
        Writer w = new Writer();
        w.u8(0x02);
        w.u16(sequence);
        w.dateTime(t);
        w.sfloat(mgPerDl, -5); // mg/dL × 10^-5 = kg/L
        w.u8(0x11); // type 1 capillary whole blood (low nibble), location 1 finger (high nibble)
        return w.bytes();
    }

    /** Temperature Measurement 0x2A1C: Celsius FLOAT with two decimals, time stamp. */
    static Bytes temperatureCelsius(int centiCelsius, LocalDateTime t) {
        Writer w = new Writer();
        w.u8(0x02);
        w.float32(centiCelsius, -2);
        w.dateTime(t);
        return w.bytes();
    }

    /** Current Time 0x2A2B: Exact Time 256 + adjust reason. */
    static Bytes currentTime(LocalDateTime t) {
        Writer w = new Writer();
        w.dateTime(t);
        w.u8(t.getDayOfWeek().getValue()); // 1 = Monday … 7 = Sunday
        w.u8(0);
        w.u8(0);
        return w.bytes();
    }

    /** Reads a Date Time (0x2A08) value as written by the hub; empty if it is not a valid 7-octet date time. */
    static java.util.Optional<LocalDateTime> readDateTime(byte[] v) {
        if (v.length != 7) {
            return java.util.Optional.empty();
        }
        int year = (v[0] & 0xFF) | (v[1] & 0xFF) << 8;
        try {
            return java.util.Optional.of(LocalDateTime.of(year, v[2], v[3], v[4], v[5], v[6]));
        } catch (java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        Writer u16(int v) {
            return u8(v).u8(v >> 8);
        }

        Writer sfloat(int mantissa, int exponent) {
            return u16(((exponent & 0xF) << 12) | (mantissa & 0x0FFF));
        }

        Writer float32(int mantissa, int exponent) {
            int word = ((exponent & 0xFF) << 24) | (mantissa & 0xFFFFFF);
            return u16(word).u16(word >>> 16);
        }

        Writer dateTime(LocalDateTime t) {
            return u16(t.getYear()).u8(t.getMonthValue()).u8(t.getDayOfMonth())
                    .u8(t.getHour()).u8(t.getMinute()).u8(t.getSecond());
        }

        Bytes bytes() {
            return Bytes.of(out.toByteArray());
        }
    }
}
