package org.vitalgate.codec;

import java.util.Objects;
import org.vitalgate.reading.Bytes;

/**
 * Reads little-endian GATT fields from a characteristic value, bounds-checked, tracking the offset.
 * Callers check {@link #remaining()} (or {@link #has(int)}) before reading; reading past the end is a
 * programming error and throws {@link IndexOutOfBoundsException}. Not thread-safe: one reader per parse.
 */
public final class ByteReader {
    private final Bytes value;
    private int offset;

    public ByteReader(Bytes value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public Bytes value() {
        return value;
    }

    public int offset() {
        return offset;
    }

    public int remaining() {
        return value.size() - offset;
    }

    public boolean has(int octets) {
        return remaining() >= octets;
    }

    private void need(int octets) {
        if (octets > remaining()) {
            throw new IndexOutOfBoundsException("need " + octets + " octets at " + offset + ", have " + remaining());
        }
    }

    public int u8() {
        need(1);
        return value.u8(offset++);
    }

    public int s8() {
        need(1);
        return value.get(offset++);
    }

    public int u16() {
        need(2);
        int v = value.u8(offset) | value.u8(offset + 1) << 8;
        offset += 2;
        return v;
    }

    public int s16() {
        return (short) u16();
    }

    public int u24() {
        need(3);
        int v = value.u8(offset) | value.u8(offset + 1) << 8 | value.u8(offset + 2) << 16;
        offset += 3;
        return v;
    }

    public long u32() {
        need(4);
        long v = value.u8(offset) | value.u8(offset + 1) << 8 | value.u8(offset + 2) << 16
                | (long) value.u8(offset + 3) << 24;
        offset += 4;
        return v;
    }

    public long u40() {
        need(5);
        long v = u32();
        return v | (long) u8() << 32;
    }

    public Bytes bytes(int octets) {
        need(octets);
        Bytes b = value.slice(offset, offset + octets);
        offset += octets;
        return b;
    }

    public Bytes rest() {
        return bytes(remaining());
    }

    /** A malformed result at the current offset. */
    public <T> Decoded<T> malformed(String reason) {
        return Decoded.malformed(reason, offset, value);
    }
}
