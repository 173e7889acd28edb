package org.vitalgate.uplink.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.testing.SampleReadings;
import org.vitalgate.testing.VectorReadings;

/**
 * The HL7 PHD IG (STU 2) rules the offline HAPI validator cannot check (the IG package is not available here),
 * encoded as assertions over every vector reading: PhgDevice/PhdDevice, gateway extension, PHD category, MDC code,
 * LOINC for vital signs, conditional-create identifier {@code device-patient-type-timestamp}, coincident time
 * stamp when the hub corrected the device clock, conditional creates and references that resolve in the Bundle.
 */
class FhirR4PhdConformanceTest {
    private static final String PHD = "http://hl7.org/fhir/uv/phd/StructureDefinition/";
    private final FhirR4 fhir = new FhirR4("hub-3f9a1c0d2b7e", "0.1.0");

    static Stream<VectorReadings.Case> readings() {
        return Stream.concat(VectorReadings.all().stream(),
                Stream.of(new VectorReadings.Case("sample bp", SampleReadings.bloodPressure(42))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void followsThePhdIg(VectorReadings.Case c) throws Exception {
        Reading r = c.reading();
        JsonNode b = FhirR4Test.tree(FhirR4.stampPublished(fhir.encode(r), Instant.EPOCH));
        Set<String> fullUrls = new HashSet<>();
        b.get("entry").forEach(e -> fullUrls.add(e.get("fullUrl").asText()));
        assertThat(fullUrls).as("unique fullUrls").hasSize(b.get("entry").size())
                .allMatch(u -> u.matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        b.get("entry").forEach(e -> {
            assertThat(e.at("/request/method").asText()).isEqualTo("POST");
            assertThat(e.at("/request/url").asText()).isEqualTo(e.at("/resource/resourceType").asText());
            assertThat(e.at("/request/ifNoneExist").asText()).as("conditional create on its identifier")
                    .startsWith("identifier=").contains("|");
        });

        List<JsonNode> devices = FhirR4Test.resources(b, "Device");
        assertThat(devices).hasSize(2);
        JsonNode phg = devices.get(0);
        JsonNode phd = devices.get(1);
        String phgUrl = b.at("/entry/0/fullUrl").asText();
        String phdUrl = b.at("/entry/1/fullUrl").asText();
        assertThat(phg.at("/meta/profile/0").asText()).isEqualTo(PHD + "PhgDevice");
        assertThat(phg.at("/type/coding/0/code").asText()).isEqualTo("531981");
        assertThat(phg.at("/identifier/0/value").asText()).isEqualTo("hub-3f9a1c0d2b7e");
        assertThat(phd.at("/meta/profile/0").asText()).isEqualTo(PHD + "PhdDevice");
        assertThat(phd.at("/type/coding/0/code").asText()).isEqualTo("65573");
        assertThat(phd.at("/identifier/0/type/coding/0/code").asText()).isEqualTo("BTMAC");
        assertThat(phd.at("/identifier/0/system").asText()).isEqualTo("http://hl7.org/fhir/sid/eui-48/bluetooth");
        assertThat(phd.at("/identifier/0/value").asText()).isEqualTo("A4-C1-38-00-11-22");
        assertThat(phd.at("/manufacturer").asText()).isEqualTo("Acme Medical");
        assertThat(phd.at("/modelNumber").asText()).isEqualTo("BP200");
        assertThat(phd.at("/serialNumber").asText()).isEqualTo("SN0012345");
        assertThat(phd.at("/version/0/type/coding/0/code").asText()).isEqualTo("531976");
        assertThat(phd.at("/specialization/0/systemType/coding/0/code").asText()).matches("5283\\d\\d|5284\\d\\d");

        TimeChain t = r.content().time();
        boolean corrected = t.correction() == TimeCorrection.DEVICE_CLOCK_OFFSET;
        List<JsonNode> obs = FhirR4Test.resources(b, "Observation");
        List<JsonNode> coincident = obs.stream()
                .filter(o -> o.at("/meta/profile/0").asText().equals(PHD + "PhdCoincidentTimeStampObservation")).toList();
        assertThat(coincident).as("coincident time stamp iff the hub corrected the device clock")
                .hasSize(corrected ? 1 : 0);
        String coincidentUrl = corrected ? b.at("/entry/2/fullUrl").asText() : null;
        if (corrected) {
            JsonNode ct = coincident.get(0);
            assertThat(ct.at("/code/coding/0/code").asText()).isEqualTo("67975");
            assertThat(ct.at("/subject/reference").asText()).isEqualTo(phdUrl);
            assertThat(ct.at("/device/reference").asText()).isEqualTo(phgUrl);
            assertThat(Instant.parse(ct.get("effectiveDateTime").asText())).isEqualTo(t.receivedAt());
            assertThat(Instant.parse(ct.get("valueDateTime").asText()))
                    .isEqualTo(t.receivedAt().plus(t.deviceClockOffset().orElseThrow()));
        }
        String device = FhirIds.deviceHex(r.content().device());
        for (JsonNode o : obs) {
            if (coincident.contains(o)) {
                continue;
            }
            assertThat(o.at("/meta/profile/0").asText()).startsWith(PHD + "Phd");
            assertThat(o.at("/extension/0/url").asText())
                    .isEqualTo("http://hl7.org/fhir/StructureDefinition/observation-gatewayDevice");
            assertThat(o.at("/extension/0/valueReference/reference").asText()).isEqualTo(phgUrl);
            if (corrected) {
                assertThat(o.at("/extension/1/url").asText()).isEqualTo(PHD + "CoincidentTimeStampReference");
                assertThat(o.at("/extension/1/valueReference/reference").asText()).isEqualTo(coincidentUrl);
            }
            assertThat(o.get("category").toString())
                    .contains("{\"system\":\"http://hl7.org/fhir/uv/phd/CodeSystem/PhdObservationCategories\",\"code\":\"phd\"}");
            assertThat(o.at("/code/coding/0/system").asText()).isEqualTo("urn:iso:std:iso:11073:10101");
            String mdc = o.at("/code/coding/0/code").asText();
            if (o.get("category").toString().contains("vital-signs")) {
                assertThat(o.at("/code/coding/1/system").asText()).as("vital signs carry LOINC")
                        .isEqualTo("http://loinc.org");
            }
            assertThat(o.at("/identifier/0/system").asText()).isEqualTo(PHD + "PhdBaseObservation");
            assertThat(o.at("/identifier/0/value").asText()).isEqualTo(device + "-" + r.content().patientKey()
                    + "-https://vitalgate.org/fhir/sid/enrollment-key-" + mdc + "-" + FhirIds.timestampPart(t));
            assertThat(o.at("/subject/reference").asText()).startsWith("Patient?identifier=");
            assertThat(o.at("/device/reference").asText()).isEqualTo(phdUrl);
            assertThat(Instant.parse(o.get("effectiveDateTime").asText())).isEqualTo(t.measuredAt());
            o.path("derivedFrom").forEach(d -> assertThat(fullUrls).contains(d.get("reference").asText()));
        }
    }
}
