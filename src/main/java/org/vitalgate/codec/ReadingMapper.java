package org.vitalgate.codec;

import java.util.Objects;
import java.util.Optional;
import org.vitalgate.reading.Bytes;

/**
 * The one call ingest makes per measurement frame: decode the characteristic named by its codec id and map it
 * to the reading model. Unknown codec ids and non-measurement characteristics are {@link Decoded.Unsupported};
 * bad bytes are {@link Decoded.Malformed}. Pure; thread-safe.
 */
public final class ReadingMapper {
    private final CodecRegistry registry;

    public ReadingMapper(CodecRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public Decoded<MappedReading> map(String codecId, Bytes value) {
        return map(codecId, value, TrailingOctets.REJECT);
    }

    /** As {@link #map(String, Bytes)} with the device profile's choice for octets beyond the announced length. */
    public Decoded<MappedReading> map(String codecId, Bytes value, TrailingOctets trailing) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(trailing, "trailing");
        Optional<Codec<?>> codec = registry.byId(codecId);
        if (codec.isEmpty()) {
            return Decoded.unsupported("unknown codec id " + codecId, value);
        }
        return codec.get().decodeAndMap(value, trailing);
    }
}
