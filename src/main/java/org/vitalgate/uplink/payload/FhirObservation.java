package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeFlag;
import org.vitalgate.reading.Unit;
import org.vitalgate.uplink.payload.FhirCodes.Coding;
import org.vitalgate.uplink.payload.FhirCodes.StatusBit;
import org.vitalgate.uplink.payload.FhirCodes.StatusGroup;
import org.vitalgate.uplink.payload.FhirCodes.VitalSign;

/**
 * Writes the Observation entries of one reading: PhdNumericObservation (plus the matching Vital Signs profile),
 * the blood pressure PhdCompoundNumericObservation panel, and the PhdBitsEnumerationObservation of device status.
 * Measurement status follows the IG's table: invalid → {@code entered-in-error} + dataAbsentReason {@code error};
 * not available → dataAbsentReason {@code not-performed}; questionable, calibrating, early estimate →
 * {@code interpretation}; test/demo data and control solution → {@code meta.security HTEST}. Every flag also
 * travels verbatim in the {@code status-flag} extension. One instance per reading; not thread-safe.
 */
final class FhirObservation {
    private final ReadingDraft r;
    private final String phg;
    private final String phd;
    private final Optional<String> coincident;
    private final String patient;
    private final String patientSystem;
    private final List<StatusFlag> flags;

    FhirObservation(ReadingDraft r, String phg, String phd, Optional<String> coincident, String patient,
                    String patientSystem) {
        this.r = r;
        this.phg = phg;
        this.phd = phd;
        this.coincident = coincident;
        this.patient = patient;
        this.patientSystem = patientSystem;
        this.flags = FhirBundle.sorted(r.flags());
    }

    /** One measurement, e.g. heart rate, SpO2, weight, temperature, glucose. */
    void single(JsonGenerator g, String fullUrl, Measurement m) throws IOException {
        MeasurementType type = m.type();
        Optional<VitalSign> vs = FhirCodes.vitalSign(type, m.unit());
        boolean glucose = FhirCodes.specialization(type) == FhirCodes.SPEC_GLUCOSE;
        String mdc = Integer.toString(type.mdc());
        // a Vital Signs profile is claimed for a value only: R4's bmi profile, for one, requires valueQuantity
        boolean hasValue = m.quantity() instanceof Quantity.Value && absentReason(m.quantity()) == null;
        begin(g, fullUrl, vs.filter(v -> hasValue).map(VitalSign::profile), "PhdNumericObservation");
        if (glucose) {
            writeSpecimen(g, type);
        }
        extensions(g, true);
        String identifier = identifier(g, mdc);
        g.writeStringField("status", status());
        categories(g, vs.isPresent());
        List<Coding> codes = new ArrayList<>();
        codes.add(new Coding(FhirCodes.MDC, mdc, type.mdcReference()));
        vs.ifPresent(v -> codes.add(v.loinc()));
        if (vs.isEmpty() || !vs.get().loinc().code().equals(m.loinc())) {
            codes.add(new Coding(FhirCodes.LOINC, m.loinc(), ""));
        }
        FhirJson.codeable(g, "code", FhirCodes.text(type), codes.toArray(Coding[]::new));
        FhirJson.reference(g, "subject", patient);
        g.writeStringField("effectiveDateTime", WireTime.instant(r.time().measuredAt()));
        value(g, m.quantity());
        interpretation(g);
        if (glucose) {
            FhirJson.reference(g, "specimen", "#sample");
        }
        FhirJson.reference(g, "device", phd);
        end(g, identifier);
    }

    /** Blood pressure: one panel (MDC 150020, LOINC 85354-9) with systolic/diastolic/mean components. */
    void panel(JsonGenerator g, String fullUrl, List<Measurement> parts) throws IOException {
        boolean mmHg = parts.stream().allMatch(m -> m.unit() == Unit.MMHG);
        boolean complete = parts.stream().anyMatch(m -> m.type() == MeasurementType.BP_SYSTOLIC)
                && parts.stream().anyMatch(m -> m.type() == MeasurementType.BP_DIASTOLIC);
        // the R4 bp profile fixes mm[Hg] and needs both pressures: a kPa cuff is sent as measured, without the claim
        boolean vitalSign = mmHg && complete;
        begin(g, fullUrl, vitalSign ? Optional.of(FhirCodes.FHIR_SD + "bp") : Optional.empty(),
                "PhdCompoundNumericObservation");
        extensions(g, true);
        String identifier = identifier(g, FhirCodes.BP_PANEL.code());
        g.writeStringField("status", status());
        categories(g, vitalSign);
        FhirJson.codeable(g, "code", "Blood pressure", FhirCodes.BP_PANEL,
                new Coding(FhirCodes.LOINC, "85354-9", "Blood pressure panel"));
        FhirJson.reference(g, "subject", patient);
        g.writeStringField("effectiveDateTime", WireTime.instant(r.time().measuredAt()));
        interpretation(g);
        FhirJson.reference(g, "device", phd);
        g.writeArrayFieldStart("component");
        for (MeasurementType type : List.of(MeasurementType.BP_SYSTOLIC, MeasurementType.BP_DIASTOLIC,
                MeasurementType.BP_MEAN)) {
            for (Measurement m : parts) {
                if (m.type() != type) {
                    continue;
                }
                g.writeStartObject();
                FhirJson.codeable(g, "code", FhirCodes.text(type),
                        new Coding(FhirCodes.LOINC, m.loinc(), ""),
                        new Coding(FhirCodes.MDC, Integer.toString(type.mdc()), type.mdcReference()));
                value(g, m.quantity());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        end(g, identifier);
    }

    /** The device/measurement status flags of the reading as the IG's BITs Observation: one component per bit set. */
    void statusBits(JsonGenerator g, String fullUrl, StatusGroup group, List<String> derivedFrom) throws IOException {
        begin(g, fullUrl, Optional.empty(), "PhdBitsEnumerationObservation");
        extensions(g, false);
        String identifier = identifier(g, group.code().code());
        g.writeStringField("status", "final");
        categories(g, false);
        FhirJson.codeable(g, "code", group.text(), group.code());
        FhirJson.reference(g, "subject", patient);
        g.writeStringField("effectiveDateTime", WireTime.instant(r.time().measuredAt()));
        FhirJson.reference(g, "device", phd);
        g.writeArrayFieldStart("derivedFrom");
        for (String url : derivedFrom) {
            g.writeStartObject();
            g.writeStringField("reference", url);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("component");
        for (StatusFlag f : flags) {
            StatusBit bit = group.bits().get(f);
            if (bit == null) {
                continue;
            }
            g.writeStartObject();
            FhirJson.codeable(g, "code", "", bit.coding());
            g.writeBooleanField("valueBoolean", true);
            g.writeEndObject();
        }
        g.writeEndArray();
        end(g, identifier);
    }

    private void begin(JsonGenerator g, String fullUrl, Optional<String> vitalSignProfile, String phdProfile)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("fullUrl", fullUrl);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", "Observation");
        g.writeObjectFieldStart("meta");
        g.writeArrayFieldStart("profile");
        g.writeString(FhirCodes.PHD_SD + phdProfile);
        if (vitalSignProfile.isPresent()) {
            g.writeString(vitalSignProfile.get());
        }
        g.writeEndArray();
        if (testData()) {
            g.writeArrayFieldStart("security");
            FhirJson.coding(g, FhirCodes.HTEST);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void end(JsonGenerator g, String identifier) throws IOException {
        g.writeEndObject();
        FhirDevices.request(g, "Observation", FhirIds.token(FhirCodes.PHD_IDENTIFIER, identifier));
        g.writeEndObject();
    }

    /** Gateway, coincident time stamp and (for measurements) the time chain and the verbatim status flags. */
    private void extensions(JsonGenerator g, boolean measurement) throws IOException {
        g.writeArrayFieldStart("extension");
        g.writeStartObject();
        g.writeStringField("url", FhirCodes.GATEWAY_EXTENSION);
        FhirJson.reference(g, "valueReference", phg);
        g.writeEndObject();
        if (coincident.isPresent()) {
            g.writeStartObject();
            g.writeStringField("url", FhirCodes.COINCIDENT_EXTENSION);
            FhirJson.reference(g, "valueReference", coincident.get());
            g.writeEndObject();
        }
        if (measurement) {
            timeChain(g, r.time());
            for (StatusFlag f : flags) {
                FhirJson.stringExtension(g, FhirCodes.VG_STATUS_FLAG, "valueCode", WireNames.of(f));
            }
        }
        g.writeEndArray();
    }

    /** The device time as reported and how the hub derived effectiveDateTime from it (docs/mqtt-contract.md). */
    private static void timeChain(JsonGenerator g, TimeChain t) throws IOException {
        g.writeStartObject();
        g.writeStringField("url", FhirCodes.VG_TIME_CHAIN);
        g.writeArrayFieldStart("extension");
        if (t.deviceTime().isPresent()) {
            FhirJson.stringExtension(g, "deviceTime", "valueString", WireTime.deviceTime(t.deviceTime().get()));
        }
        FhirJson.stringExtension(g, "correction", "valueCode", t.correction().wire());
        if (t.deviceClockOffset().isPresent()) {
            g.writeStartObject();
            g.writeStringField("url", "deviceClockOffset");
            g.writeObjectFieldStart("valueQuantity");
            g.writeNumberField("value", t.deviceClockOffset().get().toMillis());
            g.writeStringField("unit", "ms");
            g.writeStringField("system", FhirCodes.UCUM);
            g.writeStringField("code", "ms");
            g.writeEndObject();
            g.writeEndObject();
        }
        FhirJson.stringExtension(g, "received", "valueInstant", WireTime.instant(t.receivedAt()));
        FhirJson.stringExtension(g, "hubClock", "valueCode", t.hubClock().wire());
        for (TimeFlag f : new TreeSet<>(t.flags())) { // enum order: deterministic bytes
            FhirJson.stringExtension(g, "flag", "valueCode", f.wire());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private String identifier(JsonGenerator g, String mdc) throws IOException {
        String value = FhirIds.observationIdentifier(r.device(), r.patientKey(), patientSystem, mdc, r.time());
        g.writeArrayFieldStart("identifier");
        g.writeStartObject();
        g.writeStringField("system", FhirCodes.PHD_IDENTIFIER);
        g.writeStringField("value", value);
        g.writeEndObject();
        g.writeEndArray();
        return value;
    }

    private void categories(JsonGenerator g, boolean vitalSign) throws IOException {
        g.writeArrayFieldStart("category");
        if (vitalSign) {
            FhirJson.codeableValue(g, "", FhirCodes.VITAL_SIGNS);
        }
        FhirJson.codeableValue(g, "", FhirCodes.PHD);
        g.writeEndArray();
    }

    private String status() {
        if (has(StatusFlag.INVALID_MEASUREMENT)) {
            return "entered-in-error";
        }
        return has(StatusFlag.EARLY_ESTIMATE) || has(StatusFlag.MEASUREMENT_ONGOING) ? "preliminary" : "final";
    }

    /** valueQuantity, or the dataAbsentReason of a special value or of an invalid/unavailable measurement. */
    private void value(JsonGenerator g, Quantity q) throws IOException {
        String absent = absentReason(q);
        if (absent == null) {
            FhirJson.quantity(g, "valueQuantity", (Quantity.Value) q);
        } else {
            FhirJson.codeable(g, "dataAbsentReason", "", new Coding(FhirCodes.DATA_ABSENT, absent, ""));
        }
    }

    /** The data-absent-reason code when there is no value to send (PHD IG FLOATs and Measurement Status), or null. */
    private String absentReason(Quantity q) {
        if (has(StatusFlag.INVALID_MEASUREMENT)) {
            return "error";
        }
        if (has(StatusFlag.MEASUREMENT_UNAVAILABLE)) {
            return "not-performed";
        }
        if (q instanceof Quantity.Special s) {
            return switch (s.kind()) {
                case NAN -> "not-a-number";
                case POSITIVE_INFINITY -> "positive-infinity";
                case NEGATIVE_INFINITY -> "negative-infinity";
                case NRES, RESERVED -> "error";
            };
        }
        return null;
    }

    private void interpretation(JsonGenerator g) throws IOException {
        List<String> codes = new ArrayList<>();
        if (has(StatusFlag.QUESTIONABLE_MEASUREMENT)) {
            codes.add("questionable");
        }
        if (has(StatusFlag.CALIBRATION_ONGOING)) {
            codes.add("calibration-ongoing");
        }
        if (has(StatusFlag.EARLY_ESTIMATE)) {
            codes.add("early-indication");
        }
        if (codes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("interpretation");
        for (String c : codes) {
            FhirJson.codeableValue(g, "", new Coding(FhirCodes.MEASUREMENT_STATUS, c, ""));
        }
        g.writeEndArray();
    }

    /** Glucose sample type: a contained Specimen (capillary blood; whole blood or plasma as the meter reports). */
    private static void writeSpecimen(JsonGenerator g, MeasurementType type) throws IOException {
        g.writeArrayFieldStart("contained");
        g.writeStartObject();
        g.writeStringField("resourceType", "Specimen");
        g.writeStringField("id", "sample");
        FhirJson.codeable(g, "type", type == MeasurementType.GLUCOSE_CAPILLARY_PLASMA ? "capillary plasma"
                : "capillary whole blood", FhirCodes.CAPILLARY_BLOOD);
        g.writeEndObject();
        g.writeEndArray();
    }

    private boolean testData() {
        return has(StatusFlag.DATA_FOR_TESTING) || has(StatusFlag.DATA_FOR_DEMONSTRATION)
                || has(StatusFlag.CONTROL_SOLUTION);
    }

    private boolean has(StatusFlag f) {
        return r.flags().contains(f);
    }
}
