package org.vitalgate.store;

import org.vitalgate.reading.Reading;

/**
 * Renders a committed reading into the bytes stored in the outbox (the uplink's wire format). Called by the
 * store's writer inside the transaction that assigns the reading's seq. Must be pure and fast.
 */
@FunctionalInterface
public interface PayloadEncoder {
    byte[] encode(Reading reading);
}
