package org.vitalgate.reading;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string: copied on the way in, never exposing its array, with a hex {@code toString}.
 * Thread-safe.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte... data) {
        Objects.requireNonNull(data, "data");
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    public static Bytes of(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        return new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    public static Bytes empty() {
        return EMPTY;
    }

    /**
     * Parses hex as people paste it: spaces, colons, dashes, {@code 0x} prefixes and either case.
     *
     * @throws IllegalArgumentException if a character is not hex or the digit count is odd
     */
    public static Bytes fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        String cleaned = hex.replaceAll("(?i)0x", "").replaceAll("[\\s:,\\-]", "");
        if (cleaned.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + cleaned.length());
        }
        try {
            return new Bytes(HexFormat.of().parseHex(cleaned));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + hex, e);
        }
    }

    public int size() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    /** The byte at {@code index} as an unsigned value 0..255. */
    public int u8(int index) {
        return data[index] & 0xFF;
    }

    public byte get(int index) {
        return data[index];
    }

    public Bytes slice(int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        return new Bytes(Arrays.copyOfRange(data, from, to));
    }

    public Bytes concat(Bytes other) {
        byte[] joined = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, joined, data.length, other.data.length);
        return new Bytes(joined);
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "[hex=" + hex() + "]";
    }
}
