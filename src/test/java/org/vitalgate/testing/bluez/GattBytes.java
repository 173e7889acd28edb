package org.vitalgate.testing.bluez;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;

/**
 * Hand-built GATT values from the Bluetooth SIG layouts (little-endian; IEEE-11073 SFLOAT/FLOAT), so simulated
 * devices send real bytes. Test-only, stateless.
 */
public final class GattBytes {
    private GattBytes() {
    }

    /** SFLOAT: 4-bit signed exponent (high nibble), 12-bit signed mantissa; little-endian. */
    public static byte[] sfloat(int mantissa, int exponent) {
        if (mantissa < -2048 || mantissa > 2047 || exponent < -8 || exponent > 7) {
            throw new IllegalArgumentException("out of SFLOAT range");
        }
        int raw = ((exponent & 0xF) << 12) | (mantissa & 0x0FFF);
        return new byte[] {(byte) raw, (byte) (raw >> 8)};
    }

    /** FLOAT: 8-bit signed exponent (high byte), 24-bit signed mantissa; little-endian. */
    public static byte[] float32(int mantissa, int exponent) {
        int raw = (exponent << 24) | (mantissa & 0xFFFFFF);
        return new byte[] {(byte) raw, (byte) (raw >> 8), (byte) (raw >> 16), (byte) (raw >> 24)};
    }

    public static byte[] u16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    /** Date Time (0x2A08): uint16 year, month, day, hours, minutes, seconds. */
    public static byte[] dateTime(LocalDateTime t) {
        return concat(u16(t.getYear()), new byte[] {(byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
                (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond()});
    }

    /** Blood Pressure Measurement (0x2A35) in mmHg with time stamp and pulse rate (flags 0x06). */
    public static byte[] bloodPressure(int systolic, int diastolic, int map, int pulse, LocalDateTime at) {
        return concat(new byte[] {0x06}, sfloat(systolic, 0), sfloat(diastolic, 0), sfloat(map, 0),
                dateTime(at), sfloat(pulse, 0));
    }

    /**
     * Glucose Measurement (0x2A18): time offset 0, concentration in kg/L (mg/dL × 10⁻⁵), capillary whole blood
     * from a finger; flag bit4 when a context follows.
     */
    public static byte[] glucose(int sequence, LocalDateTime base, int mgPerDl, boolean contextFollows) {
        int flags = 0x01 | 0x02 | (contextFollows ? 0x10 : 0);
        return concat(new byte[] {(byte) flags}, u16(sequence), dateTime(base), u16(0), sfloat(mgPerDl, -5),
                new byte[] {0x11});
    }

    /** Glucose Measurement Context (0x2A34) with a meal field (1 preprandial, 2 postprandial …). */
    public static byte[] glucoseContext(int sequence, int meal) {
        return concat(new byte[] {0x02}, u16(sequence), new byte[] {(byte) meal});
    }

    /** Weight Measurement (0x2A9D), SI, with time stamp: weight in units of 5 g. */
    public static byte[] weight(int grams, LocalDateTime at) {
        return concat(new byte[] {0x02}, u16(grams / 5), dateTime(at));
    }

    /** Temperature Measurement (0x2A1C), Celsius, hundredths, with time stamp and type. */
    public static byte[] temperature(int centiCelsius, LocalDateTime at, int type) {
        return concat(new byte[] {0x06}, float32(centiCelsius, -2), dateTime(at), new byte[] {(byte) type});
    }

    /** PLX Continuous Measurement (0x2A5F), SpO2PR-Normal only (flags 0). */
    public static byte[] plxContinuous(int spo2, int pulse) {
        return concat(new byte[] {0x00}, sfloat(spo2, 0), sfloat(pulse, 0));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
