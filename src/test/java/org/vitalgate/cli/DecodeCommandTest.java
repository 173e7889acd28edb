package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DecodeCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void decodesAndMapsBloodPressure() throws Exception {
        int rc = run("decode", "--uuid", "2A35", "1E 7800 5000 5d00", "E2:07:04:11:0F:33:00", "0x48", "0x00", "03",
                "2700");
        assertThat(rc).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.at("/codec").asText()).isEqualTo("gatt.bps.measurement");
        assertThat(json.at("/decoded/systolic").asText()).isEqualTo("120 mm[Hg]");
        assertThat(json.at("/decoded/timestamp").asText()).isEqualTo("2018-04-17T15:51:00");
        assertThat(json.at("/reading/measurements/3/type").asText()).isEqualTo("PULSE_RATE_NONINV");
        assertThat(json.at("/reading/measurements/3/value").asText()).isEqualTo("72");
        assertThat(json.at("/reading/measurements/0/mdc").asInt()).isEqualTo(150021);
        assertThat(json.at("/reading/deviceTime").asText()).isEqualTo("2018-04-17T15:51:00");
        assertThat(json.at("/reading/userId").asInt()).isEqualTo(3);
    }

    @Test
    void fullUuidAndLowerCaseHex() throws Exception {
        assertThat(run("decode", "--uuid", "00002a19-0000-1000-8000-00805f9b34fb", "0x64")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).at("/decoded/percent").asInt()).isEqualTo(100);
    }

    @Test
    void decodesAJumperResultFrameByItsVendorUuid() throws Exception {
        int rc = run("decode", "--uuid", "CDEACB81-5235-4C07-8846-93A37EE6B86D", "81 48 61 2D");
        assertThat(rc).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.at("/codec").asText()).isEqualTo("jumper.oximetry");
        assertThat(json.at("/decoded/perfusionIndexRaw").asInt()).isEqualTo(45);
        assertThat(json.at("/reading/measurements/0/type").asText()).isEqualTo("SPO2");
        assertThat(json.at("/reading/measurements/0/value").asText()).isEqualTo("97");
        assertThat(json.at("/reading/measurements/1/type").asText()).isEqualTo("PULSE_RATE_OXIMETER");
        assertThat(json.at("/reading/measurements/1/value").asText()).isEqualTo("72");
        assertThat(json.at("/reading/measurements").size()).isEqualTo(2);
    }

    @Test
    void malformedExitsOneWithReasonAndOffset() throws Exception {
        assertThat(run("decode", "--uuid", "0x2a35", "04 7800 5000 5d00")).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.at("/malformed/reason").asText()).startsWith("short value");
        assertThat(json.at("/malformed/offset").asInt()).isEqualTo(7);
        assertThat(cli.err()).contains("offset 7");
    }

    @Test
    void unsupportedUuidExitsTwo() {
        assertThat(run("decode", "--uuid", "2AFF", "00")).isEqualTo(2);
        assertThat(cli.err()).contains("unsupported characteristic UUID 2AFF");
    }

    @Test
    void badHexExitsTwo() {
        assertThat(run("decode", "--uuid", "2A35", "0G")).isEqualTo(2);
        assertThat(run("decode", "--uuid", "2A35", "123")).isEqualTo(2);
    }

    @Test
    void listsSupportedCharacteristics() {
        assertThat(run("decode", "--list")).isZero();
        assertThat(cli.out()).contains("0x2A35  gatt.bps.measurement").contains("0x2A2A")
                .contains("[measurement]");
        assertThat(cli.out()).contains("0aad7ea0-0d60-11e2-8e3c-0002a5d5c51b  nonin.oximetry");
        assertThat(cli.out()).contains("cdeacb81-5235-4c07-8846-93a37ee6b86d  jumper.oximetry");
        assertThat(cli.out().lines().count()).isEqualTo(34);
    }

    @Test
    void notMappedCharacteristicStillDecodes() throws Exception {
        assertThat(run("decode", "--uuid", "2A18", "02 0D00 E207 04 11 0F 33 00 7BB0 13")).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.at("/decoded/concentration/type").asText()).isEqualTo("VENOUS_WHOLE_BLOOD");
        assertThat(json.at("/notMapped").asText()).contains("sample type 3");
    }

    @Test
    void fhirPrintsTheBundleTheReadingWouldBePublishedAs() throws Exception {
        int rc = run("decode", "--fhir", "--address", "A4:C1:38:00:11:22", "--patient-key", "enr-1", "--uuid", "2A35",
                "1E 7800 5000 5d00", "E2:07:04:11:0F:33:00", "0x48", "0x00", "03", "2700");
        assertThat(rc).as(cli.err()).isZero();
        JsonNode b = new ObjectMapper().readTree(cli.out());
        assertThat(b.at("/resourceType").asText()).isEqualTo("Bundle");
        assertThat(b.at("/type").asText()).isEqualTo("transaction");
        assertThat(b.at("/entry/1/resource/identifier/0/value").asText()).isEqualTo("A4-C1-38-00-11-22");
        assertThat(b.at("/entry/2/resource/code/coding/0/code").asText()).isEqualTo("150020");
        assertThat(b.at("/entry/2/resource/component/0/valueQuantity/value").asText()).isEqualTo("120");
        assertThat(b.at("/entry/2/resource/subject/reference").asText()).endsWith("|enr-1");
        assertThat(cli.out()).contains("\"valueQuantity\" : {\n");
    }

    @Test
    void fhirOfANonMeasurementIsAUsageError() {
        assertThat(run("decode", "--fhir", "--uuid", "2A19", "64")).isEqualTo(2);
        assertThat(cli.err()).contains("not a measurement");
    }
}
