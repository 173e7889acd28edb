/**
 * Current Time Service (0x1805) and Date Time: decode and encode (to set a device clock), Local Time Information, Time Zone, DST Offset.
 *
 * <p>Nothing in this package is null: absent fields are {@link java.util.Optional}s; constructors reject
 * {@code null} with the argument's name. Parsers are pure (no I/O, clock or logging) and never throw on
 * device bytes.
 */
package org.vitalgate.codec.gatt.cts;
