package org.vitalgate.codec;

import java.io.ByteArrayOutputStream;
import org.vitalgate.reading.Bytes;

/** Writes little-endian GATT fields for values we send to devices. Not thread-safe. */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16);

    public ByteWriter u8(int v) {
        checkRange(v, 0, 0xFF, "u8");
        out.write(v);
        return this;
    }

    public ByteWriter s8(int v) {
        checkRange(v, -128, 127, "s8");
        out.write(v & 0xFF);
        return this;
    }

    public ByteWriter u16(int v) {
        checkRange(v, 0, 0xFFFF, "u16");
        out.write(v & 0xFF);
        out.write(v >>> 8);
        return this;
    }

    public ByteWriter bytes(Bytes b) {
        byte[] a = b.toByteArray();
        out.write(a, 0, a.length);
        return this;
    }

    public Bytes toBytes() {
        return Bytes.of(out.toByteArray());
    }

    private static void checkRange(int v, int min, int max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }
}
