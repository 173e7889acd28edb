package org.vitalgate.reading;

/** How a reading was acquired (Open mHealth acquisition modality). RPM requires {@link #SENSED}. */
public enum Origin {
    SENSED("sensed"),
    SELF_REPORTED("self-reported");

    private final String wire;

    Origin(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
