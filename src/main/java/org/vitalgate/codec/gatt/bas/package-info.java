/**
 * Battery Service (0x180F): Battery Level.
 *
 * <p>Nothing in this package is null: absent fields are {@link java.util.Optional}s; constructors reject
 * {@code null} with the argument's name. Parsers are pure (no I/O, clock or logging) and never throw on
 * device bytes.
 */
package org.vitalgate.codec.gatt.bas;
