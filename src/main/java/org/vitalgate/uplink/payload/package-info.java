/**
 * The JSON wire format v1 the platform receives (schemas in {@code docs/schemas/}, contract in
 * {@code docs/mqtt-contract.md}). Encoders are pure and thread-safe. Nothing in this package is null.
 */
package org.vitalgate.uplink.payload;
