package org.vitalgate.codec;

import java.util.Optional;
import org.vitalgate.reading.Bytes;

/** Length checks shared by the GATT parsers, with uniform malformed reasons. Stateless. */
public final class Lengths {
    /** How every malformed reason about octets beyond the announced length begins. */
    public static final String TRAILING = "trailing octets";

    private Lengths() {
    }

    /**
     * True when {@code d} failed only because the value has octets beyond those announced, its offset being
     * where they begin (see {@link Codec#decode(Bytes, TrailingOctets)}).
     */
    public static boolean isTrailing(Decoded<?> d) {
        return d instanceof Decoded.Malformed<?> m && m.reason().startsWith(TRAILING) && m.offset() > 0
                && m.offset() < m.raw().size();
    }

    /**
     * Empty when {@code value} has exactly {@code expected} octets for the flags; otherwise the malformed result:
     * {@code "short value"} or {@code "trailing octets"} (a length that does not match the flags means the bytes
     * are not what the flags say, so nothing is decoded).
     */
    public static <T> Optional<Decoded<T>> exact(Bytes value, int expected, long flags) {
        if (value.size() < expected) {
            return Optional.of(Decoded.malformed(
                    "short value: flags 0x" + Long.toHexString(flags) + " need " + expected + " octets, have "
                            + value.size(), value.size(), value));
        }
        if (value.size() > expected) {
            return Optional.of(Decoded.malformed(
                    TRAILING + ": flags 0x" + Long.toHexString(flags) + " need " + expected + " octets, have "
                            + value.size(), expected, value));
        }
        return Optional.empty();
    }

    /** Empty when {@code value} has exactly {@code size} octets (a fixed-size characteristic). */
    public static <T> Optional<Decoded<T>> fixed(Bytes value, int size) {
        if (value.size() < size) {
            return Optional.of(Decoded.malformed(
                    "short value: need " + size + " octets, have " + value.size(), value.size(), value));
        }
        if (value.size() > size) {
            return Optional.of(Decoded.malformed(
                    TRAILING + ": need " + size + " octets, have " + value.size(), size, value));
        }
        return Optional.empty();
    }

    /** Malformed "empty value" if {@code value} has fewer than {@code min} octets. */
    public static <T> Optional<Decoded<T>> atLeast(Bytes value, int min) {
        if (value.size() < min) {
            return Optional.of(Decoded.malformed(
                    (value.isEmpty() ? "empty value" : "short value") + ": need at least " + min + " octets, have "
                            + value.size(), value.size(), value));
        }
        return Optional.empty();
    }

    /** Casts a failed result to another value type (failures carry no value). */
    @SuppressWarnings("unchecked")
    public static <T> Decoded<T> failure(Decoded<?> failed) {
        if (failed.isOk()) {
            throw new IllegalArgumentException("not a failure: " + failed);
        }
        return (Decoded<T>) failed;
    }
}
