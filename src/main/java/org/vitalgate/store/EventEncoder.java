package org.vitalgate.store;

/** Renders an event into the bytes stored in the outbox (the uplink's wire format). Pure. */
@FunctionalInterface
public interface EventEncoder {
    byte[] encode(Event event);
}
