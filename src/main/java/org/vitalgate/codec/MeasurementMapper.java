package org.vitalgate.codec;

import org.vitalgate.reading.Bytes;

/**
 * Maps a decoded measurement characteristic to the reading model. Pure; stateless; thread-safe.
 *
 * @param <T> the decoded characteristic type
 */
@FunctionalInterface
public interface MeasurementMapper<T> {
    /**
     * @param codecId the codec id to stamp on the result
     * @param value   the decoded characteristic
     * @param raw     the characteristic bytes, for {@link Decoded.Unsupported} results
     */
    Decoded<MappedReading> map(String codecId, T value, Bytes raw);
}
