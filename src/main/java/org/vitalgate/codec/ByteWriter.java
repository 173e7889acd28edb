package org.vitalgate.codec;

import java.util.Arrays;
import org.vitalgate.reading.Bytes;

/** Writes little-endian GATT fields for values we send to devices. Not thread-safe. */
public final class ByteWriter {
    private byte[] buf = new byte[16];
    private int size;

    private void write(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = (byte) b;
    }

    public ByteWriter u8(int v) {
        checkRange(v, 0, 0xFF, "u8");
        write(v);
        return this;
    }

    public ByteWriter s8(int v) {
        checkRange(v, -128, 127, "s8");
        write(v & 0xFF);
        return this;
    }

    public ByteWriter u16(int v) {
        checkRange(v, 0, 0xFFFF, "u16");
        write(v & 0xFF);
        write(v >>> 8);
        return this;
    }

    public ByteWriter bytes(Bytes b) {
        for (byte x : b.toByteArray()) {
            write(x);
        }
        return this;
    }

    public Bytes toBytes() {
        return Bytes.of(Arrays.copyOf(buf, size));
    }

    private static void checkRange(int v, int min, int max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }
}
