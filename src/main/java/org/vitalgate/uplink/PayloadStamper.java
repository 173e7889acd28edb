package org.vitalgate.uplink;

import java.time.Instant;
import org.vitalgate.store.OutboxMessage;

/**
 * Produces the bytes actually sent for an outbox row, e.g. inserting the hub publish time into the stored
 * JSON. Called on the uplink thread for every (re-)send. Must be pure and fast.
 */
@FunctionalInterface
public interface PayloadStamper {
    byte[] stamp(OutboxMessage message, Instant publishedAt);

    /** Sends the stored payload unchanged. */
    PayloadStamper UNCHANGED = (message, publishedAt) -> message.payload().toByteArray();
}
