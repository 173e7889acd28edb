package org.vitalgate.reading;

import java.util.Objects;

/**
 * A reading the store has committed: its content plus the per-hub, strictly increasing {@code seq}
 * (assigned in the same transaction, so the backend can see gaps).
 */
public record Reading(long seq, ReadingDraft content) {
    public Reading {
        Objects.requireNonNull(content, "content");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1: " + seq);
        }
    }

    public ReadingId id() {
        return content.id();
    }
}
