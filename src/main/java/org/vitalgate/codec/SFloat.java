package org.vitalgate.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalInt;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Quantity.SpecialValue;
import org.vitalgate.reading.Unit;

/**
 * IEEE 11073-20601 SFLOAT (16 bit): 4-bit two's-complement exponent (bits 15..12), 12-bit two's-complement
 * mantissa (bits 11..0); value = mantissa × 10^exponent. Special values are the exponent-0 words 0x07FF NaN,
 * 0x0800 NRes, 0x07FE +INF, 0x0802 −INF, 0x0801 reserved (device-protocols.md A.1). Stateless.
 */
public final class SFloat {
    private SFloat() {
    }

    public static final int NAN = 0x07FF;
    public static final int NRES = 0x0800;
    public static final int POSITIVE_INFINITY = 0x07FE;
    public static final int NEGATIVE_INFINITY = 0x0802;
    public static final int RESERVED = 0x0801;

    /** Decodes a 16-bit word (as read little-endian from the wire). */
    public static MderFloat decode(int word) {
        word &= 0xFFFF;
        switch (word) {
            case NAN: return new MderFloat.Special(SpecialValue.NAN);
            case NRES: return new MderFloat.Special(SpecialValue.NRES);
            case POSITIVE_INFINITY: return new MderFloat.Special(SpecialValue.POSITIVE_INFINITY);
            case NEGATIVE_INFINITY: return new MderFloat.Special(SpecialValue.NEGATIVE_INFINITY);
            case RESERVED: return new MderFloat.Special(SpecialValue.RESERVED);
            default: break;
        }
        int exponent = (word << 16) >> 28;           // sign-extend bits 15..12
        int mantissa = (word << 20) >> 20;           // sign-extend bits 11..0
        return new MderFloat.Finite(new BigDecimal(BigInteger.valueOf(mantissa), -exponent));
    }

    public static Quantity quantity(int word, Unit unit) {
        return decode(word).in(unit);
    }

    /** Reads one SFLOAT from {@code in}; the caller has checked two octets remain. */
    public static Quantity read(ByteReader in, Unit unit) {
        return decode(in.u16()).in(unit);
    }

    /**
     * Encodes {@code value} exactly, keeping its scale as the precision: mantissa = unscaled value, exponent =
     * −scale. Empty if that pair does not fit (exponent −8..7, mantissa −2048..2047) or would be a special word.
     */
    public static OptionalInt encode(BigDecimal value) {
        int exponent = -value.scale();
        BigInteger m = value.unscaledValue();
        if (exponent < -8 || exponent > 7 || m.bitLength() > 11) {
            return OptionalInt.empty();
        }
        int mantissa = m.intValue();
        int word = (exponent & 0xF) << 12 | (mantissa & 0xFFF);
        if (exponent == 0 && (mantissa >= 2046 || mantissa <= -2046)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(word);
    }

    /** The word of a special value. */
    public static int encode(SpecialValue kind) {
        return switch (kind) {
            case NAN -> NAN;
            case NRES -> NRES;
            case POSITIVE_INFINITY -> POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> NEGATIVE_INFINITY;
            case RESERVED -> RESERVED;
        };
    }
}
