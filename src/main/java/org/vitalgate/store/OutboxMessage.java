package org.vitalgate.store;

import java.util.Objects;
import org.vitalgate.reading.Bytes;

/**
 * One unconfirmed outbox row as the uplink sees it.
 *
 * @param id          outbox row id: strictly increasing in insertion order (and, for readings, in seq order)
 * @param lane        clinical (readings) or diagnostic (events)
 * @param topicSuffix topic below the hub's root, e.g. {@code readings} or {@code events}
 * @param payload     the encoded message as stored (the uplink stamps the publish time into it)
 * @param createdAt   epoch milliseconds (UTC) when the row was committed
 */
public record OutboxMessage(long id, Lane lane, String topicSuffix, Bytes payload, long createdAt) {
    public OutboxMessage {
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(topicSuffix, "topicSuffix");
        Objects.requireNonNull(payload, "payload");
    }
}
