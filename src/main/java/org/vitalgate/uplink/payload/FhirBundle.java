package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.uplink.payload.FhirCodes.Coding;
import org.vitalgate.uplink.payload.FhirCodes.StatusGroup;

/**
 * Writes one reading as a FHIR R4 transaction Bundle per the HL7 Personal Health Device IG (STU 2): the hub as
 * PhgDevice, the measuring device as PhdDevice (both conditional creates), a coincident time stamp Observation
 * when the hub corrected the device clock, one Observation per measurement (blood pressure as one panel with
 * components) and one BITs Observation for device/measurement status flags. The layout is documented in
 * {@code docs/mqtt-contract.md}. Immutable; thread-safe.
 */
final class FhirBundle {
    private static final Set<MeasurementType> BP = EnumSet.of(MeasurementType.BP_SYSTOLIC,
            MeasurementType.BP_DIASTOLIC, MeasurementType.BP_MEAN);

    private final String hubId;
    private final String agentVersion;
    private final String patientSystem;

    FhirBundle(String hubId, String agentVersion, String patientSystem) {
        this.hubId = hubId;
        this.agentVersion = agentVersion;
        this.patientSystem = patientSystem;
    }

    /** The per-reading references every entry shares. */
    private record Refs(String phg, String phd, Optional<String> coincident, String patient) {
    }

    void write(JsonGenerator g, Reading reading) throws IOException {
        ReadingDraft r = reading.content();
        String key = Fields.token("dedupKey", r.dedupKey(), 80, "-_.:");
        Fields.text("patientKey", r.patientKey(), 1, Fields.PATIENT_KEY);
        TimeChain t = r.time();
        Optional<String> coincident = t.correction() == TimeCorrection.DEVICE_CLOCK_OFFSET
                ? Optional.of(FhirIds.urn(key + "|coincident")) : Optional.empty();
        Refs refs = new Refs(FhirIds.urn(key + "|phg"), FhirIds.urn(key + "|phd"), coincident,
                "Patient?identifier=" + FhirIds.token(patientSystem, r.patientKey()));

        g.writeStartObject();
        g.writeStringField("resourceType", "Bundle");
        writeBundleMeta(g, reading);
        g.writeObjectFieldStart("identifier");
        g.writeStringField("system", FhirCodes.VG_READING_ID);
        g.writeStringField("value", r.id().value());
        g.writeEndObject();
        g.writeStringField("type", "transaction");
        g.writeArrayFieldStart("entry");
        FhirDevices.phg(g, refs.phg(), hubId, agentVersion, t.hubClock());
        FhirDevices.phd(g, refs.phd(), r.device(), r.measurements());
        if (coincident.isPresent()) {
            writeCoincident(g, refs, key, t);
        }
        List<String> observations = new ArrayList<>();
        List<Measurement> bp = r.measurements().stream().filter(m -> BP.contains(m.type())).toList();
        if (!bp.isEmpty()) {
            String url = FhirIds.urn(key + "|obs|" + FhirCodes.BP_PANEL.code());
            new FhirObservation(r, refs.phg(), refs.phd(), refs.coincident(), refs.patient(), patientSystem)
                    .panel(g, url, bp);
            observations.add(url);
        }
        int n = 0;
        for (Measurement m : r.measurements()) {
            if (BP.contains(m.type())) {
                continue;
            }
            String url = FhirIds.urn(key + "|obs|" + m.type().mdc() + "|" + n++);
            new FhirObservation(r, refs.phg(), refs.phd(), refs.coincident(), refs.patient(), patientSystem)
                    .single(g, url, m);
            observations.add(url);
        }
        Set<MeasurementType> types = EnumSet.noneOf(MeasurementType.class);
        r.measurements().forEach(m -> types.add(m.type()));
        Optional<StatusGroup> group = FhirCodes.statusGroup(types);
        if (group.isPresent() && r.flags().stream().anyMatch(f -> group.get().bits().containsKey(f))) {
            new FhirObservation(r, refs.phg(), refs.phd(), refs.coincident(), refs.patient(), patientSystem)
                    .statusBits(g, FhirIds.urn(key + "|status|" + group.get().code().code()), group.get(),
                            observations);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Bundle.meta extensions: the reading's seq (for gap detection), dedupKey, user slot, device record number. */
    private static void writeBundleMeta(JsonGenerator g, Reading reading) throws IOException {
        ReadingDraft r = reading.content();
        g.writeObjectFieldStart("meta");
        g.writeArrayFieldStart("extension");
        g.writeStartObject();
        g.writeStringField("url", FhirCodes.VG_READING_SEQ);
        g.writeFieldName("valueDecimal");
        g.writeNumber(BigDecimal.valueOf(reading.seq()));
        g.writeEndObject();
        FhirJson.stringExtension(g, FhirCodes.VG_DEDUP_KEY, "valueString", r.dedupKey());
        if (r.userSlot().isPresent()) {
            int slot = r.userSlot().getAsInt();
            if (slot < 0 || slot > 255) {
                throw new IllegalArgumentException("userSlot not 0..255: " + slot);
            }
            g.writeStartObject();
            g.writeStringField("url", FhirCodes.VG_USER_SLOT);
            g.writeNumberField("valueInteger", slot);
            g.writeEndObject();
        }
        if (r.deviceRecordNumber().isPresent()) {
            long number = r.deviceRecordNumber().getAsLong();
            if (number < 0) {
                throw new IllegalArgumentException("deviceRecordNumber is negative: " + number);
            }
            g.writeStartObject();
            g.writeStringField("url", FhirCodes.VG_RECORD_NUMBER);
            g.writeFieldName("valueDecimal");
            g.writeNumber(BigDecimal.valueOf(number));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The IG's coincident time stamp: the hub's time at receipt ({@code effectiveDateTime}) and what the device
     * clock read at that moment ({@code valueDateTime}: receipt plus the measured device clock offset).
     */
    private static void writeCoincident(JsonGenerator g, Refs refs, String key, TimeChain t) throws IOException {
        g.writeStartObject();
        g.writeStringField("fullUrl", refs.coincident().orElseThrow());
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", "Observation");
        g.writeObjectFieldStart("meta");
        g.writeArrayFieldStart("profile");
        g.writeString(FhirCodes.PHD_SD + "PhdCoincidentTimeStampObservation");
        g.writeEndArray();
        g.writeEndObject();
        String identifier = key + "-coincident";
        g.writeArrayFieldStart("identifier");
        g.writeStartObject();
        g.writeStringField("system", FhirCodes.VG + "sid/coincident-time");
        g.writeStringField("value", identifier);
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("status", "final");
        FhirJson.codeable(g, "code", "Absolute time", FhirCodes.TIME_ABS);
        FhirJson.reference(g, "subject", refs.phd());
        g.writeStringField("effectiveDateTime", WireTime.instant(t.receivedAt()));
        g.writeStringField("valueDateTime", WireTime.instant(t.receivedAt().plus(t.deviceClockOffset().orElseThrow())));
        FhirJson.reference(g, "device", refs.phg());
        g.writeEndObject();
        FhirDevices.request(g, "Observation", FhirIds.token(FhirCodes.VG + "sid/coincident-time", identifier));
        g.writeEndObject();
    }

    /** Flags in enum order, for deterministic bytes. */
    static List<StatusFlag> sorted(Set<StatusFlag> flags) {
        return List.copyOf(new TreeSet<>(flags));
    }
}
