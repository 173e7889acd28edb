package org.vitalgate.codec;

/**
 * What to do with a value longer than its flags (or its fixed size) announce: octets the specification does not
 * define, which some devices append (vendor fields after a standard Blood Pressure Measurement, for example). A
 * per-profile choice (device profile quirk {@code trailingOctets}); never a silent loss either way.
 */
public enum TrailingOctets {
    /**
     * The default: a length that does not match the flags means the bytes may not be what the flags say, so the
     * value is malformed and nothing is decoded (ingest reports a {@code decode-failed} event).
     */
    REJECT,
    /**
     * Decode the octets the flags announce and keep the rest, raw, beside the decoded value
     * ({@link MappedReading#trailingOctets()}); ingest reports them in a {@code trailing-octets-ignored} event.
     */
    IGNORE;

    /** The profile spelling ({@code reject}, {@code ignore}). */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
