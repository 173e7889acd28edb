/**
 * Pure decoders from device bytes to immutable values ({@link org.vitalgate.codec.Decoded}), the IEEE 11073 SFLOAT/FLOAT types, the {@link org.vitalgate.codec.CodecRegistry} and the mapping of measurements to the reading model ({@link org.vitalgate.codec.ReadingMapper}).
 *
 * <p>Nothing in this package is null: absent fields are {@link java.util.Optional}s; constructors reject
 * {@code null} with the argument's name. Parsers are pure (no I/O, clock or logging) and never throw on
 * device bytes.
 */
package org.vitalgate.codec;
