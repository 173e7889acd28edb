package org.vitalgate.codec;

import org.vitalgate.reading.Bytes;

/**
 * Decodes one characteristic value (or one framed vendor message). Implementations are pure: no I/O, clock
 * or logging, and they never throw on device bytes; bad bytes become {@link Decoded.Malformed}.
 * Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface CharacteristicParser<T> {
    Decoded<T> parse(Bytes value);
}
