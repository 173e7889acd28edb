package org.vitalgate.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A diagnostic event for the {@code events} topic (one of the {@link EventType}s). Events travel in the
 * diagnostic lane: they may be dropped under store pressure, clinical readings never are.
 *
 * @param id         ULID, generated once
 * @param type       the event type (its {@link EventType#wire() wire name} is kebab-case)
 * @param occurredAt hub instant the event happened
 * @param attributes flat string attributes; never PHI, never secrets
 */
public record Event(String id, EventType type, Instant occurredAt, Map<String, String> attributes) {
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        attributes = Map.copyOf(attributes);
    }
}
