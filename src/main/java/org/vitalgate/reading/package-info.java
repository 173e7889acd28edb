/**
 * The immutable reading model and its code tables (IEEE 11073 MDC, LOINC, UCUM).
 *
 * <p>Depends on nothing else in vitalgate. Nothing in this package is null: absent values are
 * {@link java.util.Optional}s; constructors reject {@code null} with the argument's name.
 */
package org.vitalgate.reading;
