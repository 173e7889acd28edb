package org.vitalgate.reading;

/**
 * What the hub found questionable about a reading's time, carried on the reading ({@code time.flags}) so that no
 * doubtful time is published as fact.
 */
public enum TimeFlag {
    /**
     * The measurement time is later than the hub's receive time by more than {@link TimeChain#FUTURE_TOLERANCE}:
     * impossible, so a device (or hub) clock is wrong. {@code measured} is kept as derived, not replaced.
     */
    MEASURED_AFTER_RECEIVED("measured-after-received"),
    /**
     * The device's local wall-clock time falls in the hour repeated when daylight saving time ends: it names two
     * instants an hour apart; {@code measured} is the earlier one.
     */
    AMBIGUOUS_LOCAL_TIME("ambiguous-local-time");

    private final String wire;

    TimeFlag(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
