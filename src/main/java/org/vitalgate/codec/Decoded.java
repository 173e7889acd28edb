package org.vitalgate.codec;

import java.util.Objects;
import java.util.function.Function;
import org.vitalgate.reading.Bytes;

/**
 * The result of decoding device bytes: a value, or why the bytes could not be decoded. Bad device data is
 * data, not an exception: decoders return {@link Malformed} or {@link Unsupported} and never throw.
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Malformed, Decoded.Unsupported {

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> malformed(String reason, int offset, Bytes raw) {
        return new Malformed<>(reason, offset, raw);
    }

    static <T> Decoded<T> unsupported(String feature, Bytes raw) {
        return new Unsupported<>(feature, raw);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** Maps an {@link Ok} value; failures pass through unchanged. */
    @SuppressWarnings("unchecked")
    default <U> Decoded<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return (Decoded<U>) this;
    }

    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The bytes break the spec: {@code reason} at byte {@code offset} of {@code raw}. */
    record Malformed<T>(String reason, int offset, Bytes raw) implements Decoded<T> {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(raw, "raw");
        }
    }

    /** Valid per the spec, but uses a feature this decoder does not handle. */
    record Unsupported<T>(String feature, Bytes raw) implements Decoded<T> {
        public Unsupported {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(raw, "raw");
        }
    }
}
