package org.vitalgate.store;

/**
 * The outbox's two lanes. Clinical readings are never dropped; diagnostics (events) may be, first, when
 * the store is full. The uplink drains {@link #CLINICAL} before {@link #DIAGNOSTIC}.
 */
public enum Lane {
    CLINICAL(0),
    DIAGNOSTIC(5);

    private final int priority;

    Lane(int priority) {
        this.priority = priority;
    }

    /** Lower is more urgent. */
    public int priority() {
        return priority;
    }

    public static Lane ofPriority(int priority) {
        for (Lane l : values()) {
            if (l.priority == priority) {
                return l;
            }
        }
        throw new IllegalArgumentException("no lane with priority " + priority);
    }
}
