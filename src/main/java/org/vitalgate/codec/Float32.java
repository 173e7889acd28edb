package org.vitalgate.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Quantity.SpecialValue;
import org.vitalgate.reading.Unit;

/**
 * IEEE 11073-20601 FLOAT (32 bit): 8-bit two's-complement exponent (bits 31..24), 24-bit two's-complement
 * mantissa; value = mantissa × 10^exponent. Specials (exponent 0): 0x007FFFFF NaN, 0x00800000 NRes,
 * 0x007FFFFE +INF, 0x00800002 −INF, 0x00800001 reserved (device-protocols.md A.1). Stateless.
 */
public final class Float32 {
    private Float32() {
    }

    public static final long NAN = 0x007FFFFFL;
    public static final long NRES = 0x00800000L;
    public static final long POSITIVE_INFINITY = 0x007FFFFEL;
    public static final long NEGATIVE_INFINITY = 0x00800002L;
    public static final long RESERVED = 0x00800001L;

    /** Decodes a 32-bit word (as read little-endian from the wire). */
    public static MderFloat decode(long word) {
        int w = (int) word;
        if (w == (int) NAN) {
            return new MderFloat.Special(SpecialValue.NAN);
        } else if (w == (int) NRES) {
            return new MderFloat.Special(SpecialValue.NRES);
        } else if (w == (int) POSITIVE_INFINITY) {
            return new MderFloat.Special(SpecialValue.POSITIVE_INFINITY);
        } else if (w == (int) NEGATIVE_INFINITY) {
            return new MderFloat.Special(SpecialValue.NEGATIVE_INFINITY);
        } else if (w == (int) RESERVED) {
            return new MderFloat.Special(SpecialValue.RESERVED);
        }
        int exponent = w >> 24;                  // signed byte
        int mantissa = (w << 8) >> 8;            // sign-extend 24 bits
        return new MderFloat.Finite(new BigDecimal(BigInteger.valueOf(mantissa), -exponent));
    }

    public static Quantity read(ByteReader in, Unit unit) {
        return decode(in.u32()).in(unit);
    }

    /** Encodes exactly (mantissa = unscaled value, exponent = −scale); empty if it does not fit. */
    public static OptionalLong encode(BigDecimal value) {
        int exponent = -value.scale();
        BigInteger m = value.unscaledValue();
        if (exponent < -128 || exponent > 127 || m.bitLength() > 23) {
            return OptionalLong.empty();
        }
        int mantissa = m.intValue();
        if (exponent == 0 && (mantissa >= 0x7FFFFE || mantissa <= -0x7FFFFE)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(((long) (exponent & 0xFF) << 24) | (mantissa & 0xFFFFFF));
    }
}
