package org.vitalgate.uplink.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.Unit;
import org.vitalgate.testing.SampleReadings;
import org.vitalgate.testing.VectorReadings;

class FhirR4Test {
    private static final Instant PUBLISHED = Instant.parse("2026-11-27T08:20:00.007Z");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final FhirContext HAPI = FhirContext.forR4Cached();
    private final FhirR4 fhir = new FhirR4("hub-3f9a1c0d2b7e", "0.1.0");

    static JsonNode tree(byte[] b) throws Exception {
        return JSON.readTree(b);
    }

    static List<JsonNode> resources(JsonNode bundle, String type) {
        List<JsonNode> out = new ArrayList<>();
        bundle.get("entry").forEach(e -> {
            if (e.at("/resource/resourceType").asText().equals(type)) {
                out.add(e.get("resource"));
            }
        });
        return out;
    }

    @Test
    void valuesKeepTheDevicePrecision() {
        String t = new String(fhir.encode(SampleReadings.single(MeasurementType.BODY_TEMPERATURE, Unit.CEL, "36.50")),
                StandardCharsets.UTF_8);
        assertThat(t).contains("\"valueQuantity\":{\"value\":36.50,\"unit\":\"Cel\",\"system\":\"http://unitsofmeasure.org\","
                + "\"code\":\"Cel\"}");
        String bp = new String(fhir.encode(SampleReadings.bloodPressure(1)), StandardCharsets.UTF_8);
        assertThat(bp).contains("\"value\":128,\"unit\":\"mm[Hg]\"").contains("\"value\":97.3,");
        String weight = new String(fhir.encode(SampleReadings.single(MeasurementType.BODY_WEIGHT, Unit.KG, "120")),
                StandardCharsets.UTF_8);
        assertThat(weight).contains("\"value\":120,\"unit\":\"kg\"");
    }

    @Test
    void bloodPressureIsOnePanelWithComponentsPulseSeparateAndStatusBits() throws Exception {
        JsonNode b = tree(fhir.encode(SampleReadings.bloodPressure(42)));
        assertThat(b.get("type").asText()).isEqualTo("transaction");
        List<JsonNode> obs = resources(b, "Observation");
        assertThat(obs).hasSize(3);
        JsonNode panel = obs.get(0);
        assertThat(panel.at("/code/coding/0/code").asText()).isEqualTo("150020");
        assertThat(panel.at("/code/coding/1/code").asText()).isEqualTo("85354-9");
        assertThat(panel.at("/meta/profile").toString()).contains("http://hl7.org/fhir/StructureDefinition/bp");
        assertThat(panel.at("/category/0/coding/0/code").asText()).isEqualTo("vital-signs");
        assertThat(panel.at("/category/1/coding/0/code").asText()).isEqualTo("phd");
        assertThat(panel.get("component")).extracting(c -> c.at("/code/coding/0/code").asText())
                .containsExactly("8480-6", "8462-4", "8478-0");
        assertThat(panel.has("valueQuantity")).isFalse();
        JsonNode pulse = obs.get(1);
        assertThat(pulse.at("/code/coding/0/code").asText()).isEqualTo("149546");
        assertThat(pulse.at("/code/coding/1/code").asText()).isEqualTo("8867-4");
        assertThat(pulse.at("/meta/profile").toString()).contains("heartrate");
        JsonNode bits = obs.get(2);
        assertThat(bits.at("/code/coding/0/code").asText()).isEqualTo("8410608");
        assertThat(bits.at("/component/0/code/coding/0").toString())
                .contains("\"system\":\"http://terminology.hl7.org/CodeSystem/ASN1ToHL7\"", "\"code\":\"8410608.2\"",
                        "irregular-pulse");
        assertThat(bits.at("/component/0/valueBoolean").asBoolean()).isTrue();
        assertThat(bits.get("derivedFrom")).hasSize(2);
    }

    @Test
    void idSeqAndDedupKeyTravelInTheBundleAndThePublishTimeIsStampedLast() throws Exception {
        Reading r = SampleReadings.bloodPressure(42);
        byte[] stored = fhir.encode(r);
        byte[] sent = Payloads.stampPublished(stored, PUBLISHED);
        assertThat(sent).hasSize(stored.length + FhirR4.STAMP_BYTES);
        String text = new String(sent, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"resourceType\":\"Bundle\",").endsWith(",\"timestamp\":\"2026-11-27T08:20:00.007Z\"}");
        JsonNode b = tree(sent);
        assertThat(b.at("/identifier/system").asText()).isEqualTo("https://vitalgate.org/fhir/sid/reading-id");
        assertThat(b.at("/identifier/value").asText()).isEqualTo(r.id().value());
        assertThat(b.at("/meta/extension/0/url").asText()).isEqualTo("https://vitalgate.org/fhir/StructureDefinition/reading-seq");
        assertThat(b.at("/meta/extension/0/valueDecimal").asLong()).isEqualTo(42);
        assertThat(b.at("/meta/extension/1/valueString").asText()).isEqualTo(r.content().dedupKey());
        // JSON v1 payloads in the same outbox are still stamped as JSON v1
        byte[] v1 = new JsonV1("hub-3f9a1c0d2b7e").encode(r);
        assertThat(new String(Payloads.stampPublished(v1, PUBLISHED), StandardCharsets.UTF_8))
                .endsWith("\"published\":\"2026-11-27T08:20:00.007Z\"}}");
        assertThatThrownBy(() -> FhirR4.stampPublished(v1, PUBLISHED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameReadingGivesByteIdenticalBundlesAndAReSentOneTheSameIdentifiers() throws Exception {
        for (VectorReadings.Case c : VectorReadings.all()) {
            assertThat(fhir.encode(c.reading())).as(c.name()).isEqualTo(fhir.encode(c.reading()));
        }
        Reading first = SampleReadings.bloodPressure(42);
        ReadingDraft d = first.content();
        // the device re-sends the same stored measurement: a new id and seq, the same dedupKey
        Reading again = new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6YZZ"), d.dedupKey(), d.device(),
                d.patientKey(), d.userSlot(), d.deviceRecordNumber(), d.time(), d.measurements(), d.flags(),
                d.origin()).committed(97);
        assertThat(identifiers(tree(fhir.encode(again)))).isEqualTo(identifiers(tree(fhir.encode(first))))
                .hasSize(3 * 5);
        assertThat(tree(fhir.encode(first)).at("/entry/2/resource/identifier/0/value").asText())
                .isEqualTo("A4C138001122-enr-7f3a9c-https://vitalgate.org/fhir/sid/enrollment-key-150020-849086100");
    }

    /** fullUrl, identifier value and ifNoneExist of every entry, in order. */
    private static List<String> identifiers(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        bundle.get("entry").forEach(e -> {
            out.add(e.get("fullUrl").asText());
            out.add(e.at("/resource/identifier/0/value").asText());
            out.add(e.at("/request/ifNoneExist").asText());
        });
        return out;
    }

    @Test
    void bundleParsesBackWithHapiToTheSameValuesUnitsPrecisionCodesAndTimes() {
        for (VectorReadings.Case c : VectorReadings.all()) {
            Reading r = c.reading();
            Bundle b = HAPI.newJsonParser().parseResource(Bundle.class,
                    new String(Payloads.stampPublished(fhir.encode(r), PUBLISHED), StandardCharsets.UTF_8));
            assertThat(b.getTimestamp()).isEqualTo(java.util.Date.from(PUBLISHED));
            List<Observation> obs = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Observation.class::isInstance).map(Observation.class::cast)
                    .filter(o -> !o.getCode().getCodingFirstRep().getCode().equals("67975")).toList();
            for (Measurement m : r.content().measurements()) {
                String mdc = Integer.toString(m.type().mdc());
                List<org.hl7.fhir.r4.model.Base> coded = elements(obs, mdc);
                assertThat(coded).as(c.name() + ": one element coded " + mdc).hasSize(1);
                org.hl7.fhir.r4.model.Base e = coded.get(0);
                Quantity q = e instanceof Observation o ? (o.hasValueQuantity() ? o.getValueQuantity() : null)
                        : ((Observation.ObservationComponentComponent) e).hasValueQuantity()
                        ? ((Observation.ObservationComponentComponent) e).getValueQuantity() : null;
                if (m.quantity() instanceof org.vitalgate.reading.Quantity.Value v
                        && !r.content().flags().contains(org.vitalgate.reading.StatusFlag.INVALID_MEASUREMENT)
                        && !r.content().flags().contains(org.vitalgate.reading.StatusFlag.MEASUREMENT_UNAVAILABLE)) {
                    assertThat(q).as(c.name() + " value of " + mdc).isNotNull();
                    // plain notation, as in JSON v1: a positive device exponent (2.047E+4) is written 20470
                    assertThat(q.getValue()).as(c.name() + " value").isEqualByComparingTo(v.value());
                    assertThat(q.getValue().scale()).as(c.name() + " precision")
                            .isEqualTo(Math.max(0, v.value().scale()));
                    assertThat(q.getCode()).isEqualTo(m.unit().ucum());
                    assertThat(q.getSystem()).isEqualTo("http://unitsofmeasure.org");
                } else {
                    assertThat(q).as(c.name() + ": no number for a special value").isNull();
                    assertThat(e instanceof Observation o ? o.hasDataAbsentReason()
                            : ((Observation.ObservationComponentComponent) e).hasDataAbsentReason()).isTrue();
                }
            }
            for (Observation o : obs) {
                assertThat(((DateTimeType) o.getEffective()).getValue().toInstant()).as(c.name())
                        .isEqualTo(r.content().time().measuredAt());
            }
        }
    }

    /** The Observations and components coded with MDC {@code mdc}. */
    private static List<org.hl7.fhir.r4.model.Base> elements(List<Observation> obs, String mdc) {
        List<org.hl7.fhir.r4.model.Base> out = new ArrayList<>();
        for (Observation o : obs) {
            if (o.getCode().getCoding().stream().anyMatch(c -> c.getCode().equals(mdc))) {
                out.add(o);
            }
            for (Observation.ObservationComponentComponent c : o.getComponent()) {
                if (c.getCode().getCoding().stream().anyMatch(x -> x.getCode().equals(mdc))) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Test
    void theWorstCaseReadingFitsTheBrokerLimitAndTooLargeIsRefused() {
        byte[] worst = fhir.encode(SampleReadings.worstCase());
        assertThat(worst.length + FhirR4.STAMP_BYTES).isLessThan(FhirR4.MAX_PAYLOAD_BYTES);
        Reading r = SampleReadings.single(MeasurementType.BODY_WEIGHT, Unit.KG, "70");
        List<Measurement> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(Measurement.of(MeasurementType.BODY_FAT, "12.5", Unit.PERCENT));
        }
        ReadingDraft d = r.content();
        Reading huge = new ReadingDraft(d.id(), d.dedupKey(), d.device(), d.patientKey(), d.userSlot(),
                d.deviceRecordNumber(), d.time(), many, Set.of(), d.origin()).committed(1);
        assertThatThrownBy(() -> fhir.encode(huge)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("the limit is 131072");
    }

    @Test
    void patientIsAConditionalReferenceOnTheEnrollmentKeyAndTheHubCarriesNoPhi() throws Exception {
        JsonNode b = tree(new FhirR4("hub-1", "0.1.0", "urn:oid:2.16.840.1.113883.3.999").encode(
                SampleReadings.bloodPressure(1)));
        for (JsonNode o : resources(b, "Observation")) {
            if (o.has("subject") && o.at("/code/coding/0/code").asText().equals("67975")) {
                continue;
            }
            assertThat(o.at("/subject/reference").asText())
                    .isEqualTo("Patient?identifier=urn%3Aoid%3A2.16.840.1.113883.3.999|enr-7f3a9c");
        }
        assertThat(resources(b, "Patient")).isEmpty();
        assertThatThrownBy(() -> new FhirR4("hub-1", "0.1.0", "not a uri")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingValueIsADataAbsentReasonNeverANumber() throws Exception {
        Reading r = SampleReadings.single(MeasurementType.SPO2, Unit.PERCENT, "97");
        ReadingDraft d = r.content();
        Reading nan = new ReadingDraft(d.id(), d.dedupKey(), d.device(), d.patientKey(), d.userSlot(),
                d.deviceRecordNumber(), d.time(), List.of(new Measurement(MeasurementType.SPO2,
                org.vitalgate.reading.Quantity.special(org.vitalgate.reading.Quantity.SpecialValue.NAN, Unit.PERCENT))),
                Set.of(), d.origin()).committed(1);
        JsonNode o = resources(tree(fhir.encode(nan)), "Observation").get(0);
        assertThat(o.has("valueQuantity")).isFalse();
        assertThat(o.at("/dataAbsentReason/coding/0/code").asText()).isEqualTo("not-a-number");
        assertThat(o.at("/status").asText()).isEqualTo("final");
        assertThat(new BigDecimal("36.50").scale()).isEqualTo(2);
    }

    /** The Bundle shown in docs/examples/reading-fhir-r4.json: a cuff reading whose clock the hub corrected. */
    static Reading docExample() {
        Reading bp = SampleReadings.bloodPressure(42);
        ReadingDraft d = bp.content();
        java.time.Duration offset = java.time.Duration.ofSeconds(90);
        // the cuff's clock ran 90 s fast: measured = device time (local, UTC+1) - 90 s
        org.vitalgate.reading.TimeChain t = new org.vitalgate.reading.TimeChain(d.time().deviceTime(),
                d.time().measuredAt().minus(offset), org.vitalgate.reading.TimeCorrection.DEVICE_CLOCK_OFFSET,
                java.util.Optional.of(offset), d.time().receivedAt(), d.time().hubClock());
        return new ReadingDraft(d.id(), d.dedupKey(), d.device(), d.patientKey(), d.userSlot(),
                d.deviceRecordNumber(), t, d.measurements(), d.flags(), d.origin()).committed(42);
    }

    static byte[] docExampleBytes() throws Exception {
        byte[] sent = FhirR4.stampPublished(new FhirR4("hub-3f9a1c0d2b7e", "0.1.0").encode(docExample()), PUBLISHED);
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(sent)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDocumentedExampleIsWhatTheEncoderProduces() throws Exception {
        byte[] actual = docExampleBytes();
        java.nio.file.Path target = java.nio.file.Path.of("target", "reading-fhir-r4.json");
        java.nio.file.Files.createDirectories(target.getParent());
        java.nio.file.Files.write(target, actual);
        java.nio.file.Path doc = java.nio.file.Path.of("docs", "examples", "reading-fhir-r4.json");
        assertThat(java.nio.file.Files.exists(doc) ? new String(java.nio.file.Files.readAllBytes(doc),
                StandardCharsets.UTF_8) : "(missing)").as("docs example; the encoder's output is in " + target)
                .isEqualTo(new String(actual, StandardCharsets.UTF_8));
    }
}
