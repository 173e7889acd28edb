package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.testing.SampleReadings;
import org.vitalgate.uplink.payload.JsonV1;

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
        assertThat(json.at("/reading/measurements/3/type").asText()).isEqualTo("pulse-rate-noninv");
        assertThat(json.at("/reading/measurements/3/value").isIntegralNumber()).isTrue();
        assertThat(json.at("/reading/measurements/3/value").asInt()).isEqualTo(72);
        assertThat(json.at("/reading/measurements/0/mdc").asInt()).isEqualTo(150021);
        assertThat(json.at("/reading/time/device").asText()).isEqualTo("2018-04-17T15:51:00");
        assertThat(json.at("/decoded/userId").asInt()).isEqualTo(3);
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
        assertThat(json.at("/reading/measurements/0/type").asText()).isEqualTo("spo2");
        assertThat(json.at("/reading/measurements/0/value").asText()).isEqualTo("97");
        assertThat(json.at("/reading/measurements/1/type").asText()).isEqualTo("pulse-rate-oximeter");
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

    /**
     * What a backend developer pastes and what the backend receives are the same thing: the measurements, flags,
     * record number and device time decode prints are the members of the readings message JSON v1 writes for
     * the same bytes, with the same names, codes and numbers (36.50 stays 36.50).
     */
    @Test
    void theReadingIsPrintedAsTheWireCarriesIt() throws Exception {
        // Temperature Measurement: flags 0x02 (Celsius, time stamp), 3650 x 10^-2 = 36.50 Cel, 2026-11-27 09:14:00
        String hex = "02 42 0E 00 FE EA 07 0B 1B 09 0E 00";
        assertThat(run("decode", "--uuid", "2A1C", hex)).as(cli.err()).isZero();
        String printed = cli.out();
        assertThat(printed).contains("\"value\" : 36.50");
        JsonNode decoded = new ObjectMapper().readTree(printed).path("reading");

        Bytes value = Bytes.fromHex(hex);
        MappedReading mapped = ((Decoded.Ok<MappedReading>) CodecRegistry.standard().byUuid("2A1C").orElseThrow()
                .decodeAndMap(value)).value();
        TimeChain time = new TimeChain(mapped.deviceTime(), SampleReadings.RECEIVED,
                TimeCorrection.DEVICE_LOCAL_UNCORRECTED, Optional.empty(), SampleReadings.RECEIVED, HubClock.SYNCHRONIZED,
                java.util.Set.of());
        Reading reading = new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8A"), "d1-0011", SampleReadings.cuff(),
                "enr-1", OptionalInt.empty(), mapped.recordNumber(), time, mapped.measurements(), mapped.flags(),
                Origin.SENSED).committed(1);
        JsonNode wire = new ObjectMapper().readTree(new JsonV1("hub-1").encode(reading));

        assertThat(decoded.path("measurements")).isEqualTo(wire.path("measurements"));
        assertThat(decoded.path("flags")).isEqualTo(wire.path("flags"));
        assertThat(decoded.path("time").path("device")).isEqualTo(wire.path("time").path("device"));
        assertThat(decoded.path("measurements").get(0).path("type").asText()).isEqualTo("body-temperature");
        assertThat(decoded.path("measurements").get(0).path("unit").asText()).isEqualTo("Cel");
    }
}
