package org.vitalgate.uplink.payload;

import java.util.Locale;

/**
 * The wire format of the {@code readings} topic, chosen per broker ({@code mqtt.payload}). Events, status, health
 * and command results are always JSON v1.
 */
public enum PayloadFormat {
    /** The compact JSON v1 reading ({@code docs/schemas/reading-v1.schema.json}); the default. */
    JSON_V1("json-v1"),
    /** A FHIR R4 transaction Bundle per reading, per the HL7 Personal Health Device IG ({@link FhirR4}). */
    FHIR_R4("fhir-r4");

    private final String wire;

    PayloadFormat(String wire) {
        this.wire = wire;
    }

    /** The config spelling, e.g. {@code fhir-r4}. */
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the accepted spellings */
    public static PayloadFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (PayloadFormat f : values()) {
            if (f.wire.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("must be json-v1 or fhir-r4, got " + text);
    }
}
