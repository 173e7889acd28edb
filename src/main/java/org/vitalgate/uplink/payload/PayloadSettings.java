package org.vitalgate.uplink.payload;

import java.util.Objects;

/**
 * How readings are encoded for the broker ({@code mqtt.payload}, {@code mqtt.fhirPatientSystem}).
 *
 * @param format        the readings topic's wire format
 * @param patientSystem for {@code fhir-r4}: the identifier system of enrollment keys in the conditional patient
 *                      reference ({@code Patient?identifier=<system>|<key>})
 */
public record PayloadSettings(PayloadFormat format, String patientSystem) {
    public PayloadSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(patientSystem, "patientSystem");
    }

    /** JSON v1, the default. */
    public static PayloadSettings defaults() {
        return new PayloadSettings(PayloadFormat.JSON_V1, FhirR4.DEFAULT_PATIENT_SYSTEM);
    }
}
