package org.vitalgate.codec;

import java.util.Objects;
import java.util.Optional;
import org.vitalgate.reading.Bytes;

/**
 * One registered characteristic codec: id (e.g. {@code gatt.bps.measurement}), 16-bit SIG UUID, SIG name,
 * parser, and for measurement characteristics the mapper to the reading model. Immutable; thread-safe.
 */
public final class Codec<T> {
    private final String id;
    private final int uuid16;
    private final String vendorUuid;
    private final String name;
    private final CharacteristicParser<T> parser;
    private final MeasurementMapper<T> mapper;

    Codec(String id, int uuid16, String name, CharacteristicParser<T> parser, MeasurementMapper<T> mapper) {
        this(id, uuid16, null, name, parser, mapper);
    }

    /** A vendor characteristic with its own 128-bit UUID ({@link #uuid16()} is -1). */
    Codec(String id, String vendorUuid, String name, CharacteristicParser<T> parser, MeasurementMapper<T> mapper) {
        this(id, -1, Objects.requireNonNull(vendorUuid, "vendorUuid").toLowerCase(java.util.Locale.ROOT), name,
                parser, mapper);
    }

    private Codec(String id, int uuid16, String vendorUuid, String name, CharacteristicParser<T> parser,
                  MeasurementMapper<T> mapper) {
        this.id = Objects.requireNonNull(id, "id");
        this.uuid16 = uuid16;
        this.vendorUuid = vendorUuid;
        this.name = Objects.requireNonNull(name, "name");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.mapper = mapper;
    }

    public String id() {
        return id;
    }

    /** The 16-bit SIG UUID, or -1 for a vendor characteristic (see {@link #uuid128()}). */
    public int uuid16() {
        return uuid16;
    }

    /** The full 128-bit UUID, lower case (on the Bluetooth base UUID for SIG characteristics). */
    public String uuid128() {
        return vendorUuid != null ? vendorUuid : GattUuid.toFull(uuid16);
    }

    public String name() {
        return name;
    }

    /** True when {@link #decodeAndMap} can produce readings. */
    public boolean isMeasurement() {
        return mapper != null;
    }

    public CharacteristicParser<T> parser() {
        return parser;
    }

    public Decoded<T> decode(Bytes value) {
        return parser.parse(value);
    }

    /**
     * Decodes with the profile's choice for octets beyond the announced length: with {@link TrailingOctets#IGNORE}
     * a value that is malformed only for such octets is decoded without them (they begin at the
     * {@link Decoded.Malformed#offset()} of {@code decode(value, REJECT)}); anything else wrong with it stays
     * malformed.
     */
    public Decoded<T> decode(Bytes value, TrailingOctets trailing) {
        Decoded<T> d = parser.parse(value);
        if (trailing == TrailingOctets.IGNORE && Lengths.isTrailing(d)) {
            Decoded<T> head = parser.parse(value.slice(0, ((Decoded.Malformed<T>) d).offset()));
            if (head.isOk()) {
                return head;
            }
        }
        return d;
    }

    /** Decodes and maps; {@link Decoded.Unsupported} for characteristics that are not measurements. */
    public Decoded<MappedReading> decodeAndMap(Bytes value) {
        return decodeAndMap(value, TrailingOctets.REJECT);
    }

    /**
     * Decodes (with the profile's choice for trailing octets) and maps; the octets left out travel on the
     * mapped reading ({@link MappedReading#trailingOctets()}).
     */
    public Decoded<MappedReading> decodeAndMap(Bytes value, TrailingOctets trailing) {
        if (mapper == null) {
            return Decoded.unsupported(id + " is not a measurement characteristic", value);
        }
        Decoded<T> d = parser.parse(value);
        Bytes tail = Bytes.empty();
        if (trailing == TrailingOctets.IGNORE && Lengths.isTrailing(d)) {
            int at = ((Decoded.Malformed<T>) d).offset();
            Decoded<T> head = parser.parse(value.slice(0, at));
            if (head.isOk()) {
                d = head;
                tail = value.slice(at, value.size());
            }
        }
        if (d instanceof Decoded.Ok<T> ok) {
            Decoded<MappedReading> mapped = mapper.map(id, ok.value(), value);
            Bytes t = tail;
            return t.isEmpty() ? mapped : mapped.map(m -> m.withTrailingOctets(t));
        }
        return Lengths.failure(d);
    }

    /** Maps an already decoded value (e.g. one assembled from several packets). */
    public Decoded<MappedReading> map(T value, Bytes raw) {
        if (mapper == null) {
            return Decoded.unsupported(id + " is not a measurement characteristic", raw);
        }
        return mapper.map(id, value, raw);
    }

    @Override
    public String toString() {
        return id + " (" + (vendorUuid != null ? vendorUuid : GattUuid.toShort(uuid16)) + " " + name + ")";
    }
}
