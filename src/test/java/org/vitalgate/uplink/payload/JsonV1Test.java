package org.vitalgate.uplink.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeFlag;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventType;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.testing.PayloadSchemas.Kind;
import org.vitalgate.testing.SampleReadings;
import org.vitalgate.testing.WireReadings;

class JsonV1Test {
    private static final Instant PUBLISHED = Instant.parse("2026-11-27T08:20:00.007Z");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 36.40 stays 36.40
            .build();
    private final JsonV1 v1 = new JsonV1("hub-3f9a1c0d2b7e");

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] b) throws Exception {
        return JSON.readTree(b);
    }

    @Test
    void readingStartsWithVersionEndsWithTimeAndValidatesOnceStamped() throws Exception {
        byte[] stored = v1.encode(SampleReadings.bloodPressure(42));
        assertThat(text(stored)).startsWith("{\"v\":1,\"id\":\"01KB1Z5C8N6Y0Q3W7E2R4T6Y8V\",\"seq\":42,")
                .endsWith("\"received\":\"2026-11-27T08:15:03.250Z\",\"hubClock\":\"synchronized\"}}")
                .contains("\"time\":{\"device\":\"2026-11-27T09:15:00\",\"measured\":\"2026-11-27T08:15:00.000Z\","
                        + "\"correction\":\"device-local-uncorrected\"")
                .contains("\"flags\":[\"irregular-pulse\"]")
                .contains("{\"type\":\"bp-systolic\",\"value\":128,\"unit\":\"mm[Hg]\",\"mdc\":150021,"
                        + "\"mdcRef\":\"MDC_PRESS_BLD_NONINV_SYS\",\"loinc\":\"8480-6\"}");
        // what the store keeps has no publish time, which the backend requires
        assertThat(PayloadSchemas.problems(Kind.READING, stored)).anyMatch(p -> p.contains("published"));

        byte[] sent = JsonV1.stampPublished(stored, PUBLISHED);
        PayloadSchemas.assertValid(Kind.READING, sent);
        assertThat(tree(sent).get("time").get("published").asText()).isEqualTo("2026-11-27T08:20:00.007Z");
        assertThat(tree(sent).get("device").get("userSlot").asInt()).isEqualTo(1);
    }

    @Test
    void doubtfulTimesAreFlaggedOnTheWireAndTheSchemaTiesTheOffsetToItsCorrection() throws Exception {
        Reading r = SampleReadings.bloodPressure(3);
        TimeChain t = r.content().time();
        TimeChain future = new TimeChain(t.deviceTime(), t.receivedAt().plusSeconds(300), t.correction(),
                t.deviceClockOffset(), t.receivedAt(), t.hubClock(), Set.of(TimeFlag.AMBIGUOUS_LOCAL_TIME));
        byte[] sent = JsonV1.stampPublished(v1.encode(withTime(r, future)), PUBLISHED);
        PayloadSchemas.assertValid(Kind.READING, sent);
        assertThat(text(sent)).contains("\"hubClock\":\"synchronized\",\"flags\":[\"measured-after-received\","
                + "\"ambiguous-local-time\"]");
        assertThat(text(JsonV1.stampPublished(v1.encode(r), PUBLISHED))).as("nothing doubtful: no time.flags")
                .doesNotContain("\"time\":{\"flags\"").doesNotContain("measured-after-received");

        String ok = text(JsonV1.stampPublished(v1.encode(SampleReadings.worstCase()), PUBLISHED));
        PayloadSchemas.assertValid(Kind.READING, ok.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String noOffset = ok.replaceFirst("\"deviceClockOffsetMs\":-?[0-9]+,", "");
        assertThat(PayloadSchemas.problems(Kind.READING, noOffset.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as("device-clock-offset without its offset").isNotEmpty();
        String uncorrectedWithOffset = ok.replace("\"correction\":\"device-clock-offset\"",
                "\"correction\":\"device-local-uncorrected\"");
        assertThat(PayloadSchemas.problems(Kind.READING,
                uncorrectedWithOffset.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as("an uncorrected time with an offset").isNotEmpty();
    }

    private static Reading withTime(Reading r, TimeChain time) {
        ReadingDraft d = r.content();
        return new ReadingDraft(d.id(), d.dedupKey(), d.device(), d.patientKey(), d.userSlot(), d.deviceRecordNumber(),
                time, d.measurements(), d.flags(), d.origin()).committed(r.seq());
    }

    @Test
    void roundTripReturnsTheSameReading() {
        for (Reading r : List.of(SampleReadings.bloodPressure(7), SampleReadings.worstCase(),
                SampleReadings.single(MeasurementType.BODY_TEMPERATURE, Unit.CEL, "36.40"))) {
            byte[] sent = JsonV1.stampPublished(v1.encode(r), PUBLISHED);
            WireReadings.Received back = WireReadings.parse(sent);
            assertThat(back.reading()).isEqualTo(r);
            assertThat(back.hubId()).isEqualTo("hub-3f9a1c0d2b7e");
            assertThat(back.publishedAt()).contains(PUBLISHED);
        }
    }

    @Test
    void decimalsKeepTheirScale() throws Exception {
        for (String value : List.of("36.40", "36.4", "37", "0.05", "100.000", "-0.5")) {
            Reading r = SampleReadings.single(MeasurementType.BODY_TEMPERATURE, Unit.CEL, value);
            byte[] sent = JsonV1.stampPublished(v1.encode(r), PUBLISHED);
            assertThat(text(sent)).contains("\"value\":" + value + ",");
            BigDecimal parsed = tree(sent).get("measurements").get(0).get("value").decimalValue();
            assertThat(parsed).isEqualTo(new BigDecimal(value)); // equals: same scale
            PayloadSchemas.assertValid(Kind.READING, sent);
        }
    }

    @Test
    void exponentNotationNeverReachesTheWire() {
        Reading r = readingWith(new Measurement(MeasurementType.BODY_WEIGHT, Quantity.of(new BigDecimal("1.2E+2"), Unit.KG)));
        assertThat(text(v1.encode(r))).contains("\"value\":120,");
    }

    @ParameterizedTest
    @EnumSource(Quantity.SpecialValue.class)
    void specialsCarryDataAbsentAndNoValue(Quantity.SpecialValue kind) throws Exception {
        Reading r = readingWith(new Measurement(MeasurementType.SPO2, Quantity.special(kind, Unit.PERCENT)));
        byte[] sent = JsonV1.stampPublished(v1.encode(r), PUBLISHED);
        JsonNode m = tree(sent).get("measurements").get(0);
        assertThat(m.has("value")).isFalse();
        assertThat(m.get("dataAbsent").asText()).isEqualTo(WireNames.of(kind));
        PayloadSchemas.assertValid(Kind.READING, sent);
        assertThat(WireReadings.parse(sent).reading()).isEqualTo(r);
    }

    @Test
    void everyTypeAndUnitOfTheModelValidatesWithItsCodes() throws Exception {
        for (MeasurementType type : MeasurementType.values()) {
            for (Unit unit : type.units()) {
                byte[] sent = JsonV1.stampPublished(v1.encode(SampleReadings.single(type, unit, "5.5")), PUBLISHED);
                PayloadSchemas.assertValid(Kind.READING, sent);
                JsonNode m = tree(sent).get("measurements").get(0);
                assertThat(m.get("loinc").asText()).isEqualTo(type.loinc(unit));
                assertThat(m.get("mdc").asInt()).isEqualTo(type.mdc());
            }
        }
        // and the schema pins codes to types: a wrong LOINC is rejected
        byte[] sent = JsonV1.stampPublished(
                v1.encode(SampleReadings.single(MeasurementType.GLUCOSE_CAPILLARY_PLASMA, Unit.MMOL_PER_L, "5.5")), PUBLISHED);
        byte[] wrong = text(sent).replace("14743-9", "41653-7").getBytes(StandardCharsets.UTF_8);
        assertThat(PayloadSchemas.problems(Kind.READING, wrong)).isNotEmpty();
    }

    @Test
    void everyStatusFlagIsInTheSchema() {
        Reading r = SampleReadings.worstCase();
        assertThat(r.content().flags()).hasSize(StatusFlag.values().length);
        PayloadSchemas.assertValid(Kind.READING, JsonV1.stampPublished(v1.encode(r), PUBLISHED));
        byte[] unknown = text(JsonV1.stampPublished(v1.encode(SampleReadings.bloodPressure(1)), PUBLISHED))
                .replace("irregular-pulse", "irregular_pulse").getBytes(StandardCharsets.UTF_8);
        assertThat(PayloadSchemas.problems(Kind.READING, unknown)).isNotEmpty();
    }

    @Test
    void schemaRejectsUnknownAndMissingFields() {
        String sent = text(JsonV1.stampPublished(v1.encode(SampleReadings.bloodPressure(1)), PUBLISHED));
        assertThat(PayloadSchemas.problems(Kind.READING, sent.replace("{\"v\":1,", "{\"v\":1,\"extra\":true,")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(PayloadSchemas.problems(Kind.READING, sent.replace("\"patientKey\":\"enr-7f3a9c\",", "")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(PayloadSchemas.problems(Kind.READING, sent.replace("\"v\":1", "\"v\":2")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void worstCaseReadingFitsInFourKilobytesOnceStamped() {
        byte[] stored = v1.encode(SampleReadings.worstCase());
        byte[] sent = JsonV1.stampPublished(stored, PUBLISHED);
        System.out.printf("worst-case reading: %d bytes stamped (limit %d)%n", sent.length, JsonV1.MAX_PAYLOAD_BYTES);
        assertThat(sent.length).isLessThanOrEqualTo(JsonV1.MAX_PAYLOAD_BYTES).isEqualTo(stored.length + JsonV1.STAMP_BYTES);
        PayloadSchemas.assertValid(Kind.READING, sent);
    }

    @Test
    void oversizedReadingIsRefusedNotTruncated() {
        // 4-byte UTF-8 text at the character limits pushes the worst case past 4 KiB
        ReadingDraft w = SampleReadings.worstCase().content();
        DeviceIdentity d = w.device();
        String wide4 = "\uD83D\uDE00"; // one code point, four UTF-8 bytes
        DeviceIdentity wide = new DeviceIdentity(d.transport(), wide4.repeat(128), wide4.repeat(64), wide4.repeat(64),
                Optional.of(wide4.repeat(64)), Optional.of(wide4.repeat(64)), d.profileId());
        Reading big = new ReadingDraft(w.id(), w.dedupKey(), wide, wide4.repeat(128), w.userSlot(),
                w.deviceRecordNumber(), w.time(), w.measurements(), w.flags(), w.origin()).committed(1);
        assertThatThrownBy(() -> v1.encode(big)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("limit is 4096")
                .satisfies(e -> assertThat(((PayloadTooLargeException) e).size()).isGreaterThan(4096));
    }

    @Test
    void anUnknownMakeAndModelAreLeftOutNeverAPlaceholder() throws Exception {
        ReadingDraft b = SampleReadings.bloodPressure(1).content();
        DeviceIdentity anonymous = new DeviceIdentity(Transport.BLE, "A4:C1:38:00:11:22", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), "generic-plx-oximeter");
        Reading r = new ReadingDraft(b.id(), b.dedupKey(), anonymous, b.patientKey(), b.userSlot(),
                b.deviceRecordNumber(), b.time(), b.measurements(), b.flags(), b.origin()).committed(1);
        byte[] sent = JsonV1.stampPublished(v1.encode(r), PUBLISHED);
        JsonNode device = new ObjectMapper().readTree(sent).path("device");
        assertThat(device.has("manufacturer")).isFalse();
        assertThat(device.has("model")).isFalse();
        assertThat(device.path("profileId").asText()).isEqualTo("generic-plx-oximeter");
        PayloadSchemas.assertValid(Kind.READING, sent);
        // a blank name is no name either
        assertThat(new DeviceIdentity(Transport.BLE, "A4:C1:38:00:11:22", " ", "", Optional.empty(),
                Optional.empty(), "x").manufacturer()).isEmpty();
    }

    @Test
    void valuesOutsideTheSchemaAreRefused() {
        ReadingDraft b = SampleReadings.bloodPressure(1).content();
        DeviceIdentity longModel = new DeviceIdentity(Transport.BLE, "A4:C1:38:00:11:22", "Acme", "m".repeat(65),
                Optional.empty(), Optional.empty(), "acme-bp200");
        Reading r = new ReadingDraft(b.id(), b.dedupKey(), longModel, b.patientKey(), b.userSlot(),
                b.deviceRecordNumber(), b.time(), b.measurements(), b.flags(), b.origin()).committed(1);
        assertThatThrownBy(() -> v1.encode(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device.model");
        Reading digits = readingWith(Measurement.of(MeasurementType.BODY_WEIGHT, "1E+100000", Unit.KG));
        assertThatThrownBy(() -> v1.encode(digits)).hasMessageContaining("too many digits");
        assertThatThrownBy(() -> new JsonV1("hub/1")).isInstanceOf(IllegalArgumentException.class);
        DeviceIdentity broken = new DeviceIdentity(Transport.BLE, "A4:C1:38:00:11:22", "Acme\uD800", "BP200",
                Optional.empty(), Optional.empty(), "acme-bp200");
        Reading surrogate = new ReadingDraft(b.id(), b.dedupKey(), broken, b.patientKey(), b.userSlot(),
                b.deviceRecordNumber(), b.time(), b.measurements(), b.flags(), b.origin()).committed(1);
        assertThatThrownBy(() -> v1.encode(surrogate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device.manufacturer is not valid Unicode");
    }

    @Test
    void stampingInsertsPublishedAsLastMemberOfTime() throws Exception {
        byte[] stored = v1.encode(SampleReadings.bloodPressure(3));
        byte[] once = JsonV1.stampPublished(stored, PUBLISHED);
        assertThat(text(once)).isEqualTo(text(stored).substring(0, stored.length - 2)
                + ",\"published\":\"2026-11-27T08:20:00.007Z\"}}");
        JsonNode time = tree(once).get("time");
        assertThat(time.get("published").asText()).isEqualTo("2026-11-27T08:20:00.007Z");
        assertThat(JsonV1.stampPublished(stored, Instant.parse("2026-11-27T08:20:00.007999Z")))
                .isEqualTo(once); // sub-millisecond digits truncated, fixed width
        assertThatThrownBy(() -> JsonV1.stampPublished("{\"v\":1}".getBytes(StandardCharsets.UTF_8), PUBLISHED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventValidatesAndStamps() throws Exception {
        Event e = new Event("01KB1Z5C8N6Y0Q3W7E2R4T6Y8E", EventType.DEVICE_SEEN, Instant.parse("2026-11-27T08:00:00Z"),
                Map.of("address", "C0:FF:EE:00:00:01", "rssi", "-71", "name", "BP-9000 \"guest\""));
        byte[] stored = v1.encode(e);
        assertThat(text(stored)).startsWith("{\"v\":1,").endsWith("}}");
        byte[] sent = JsonV1.stampPublished(stored, PUBLISHED);
        PayloadSchemas.assertValid(Kind.EVENT, sent);
        JsonNode n = tree(sent);
        assertThat(n.get("type").asText()).isEqualTo("device-seen");
        assertThat(n.get("attributes").get("name").asText()).isEqualTo("BP-9000 \"guest\"");
        assertThat(n.get("time").get("occurred").asText()).isEqualTo("2026-11-27T08:00:00.000Z");
        assertThatThrownBy(() -> v1.encode(new Event("not-a-ulid", EventType.DECODE_FAILED, Instant.EPOCH, Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusValidatesAndRejectsUnknownStates() throws Exception {
        for (String state : List.of("online", "offline")) {
            byte[] sent = JsonV1.stampPublished(
                    v1.status("hub-3f9a1c0d2b7e", state, "0.1.0", Instant.parse("2026-11-27T07:00:00Z")), PUBLISHED);
            PayloadSchemas.assertValid(Kind.STATUS, sent);
            assertThat(tree(sent).get("state").asText()).isEqualTo(state);
        }
        assertThatThrownBy(() -> v1.status("sleeping", "0.1.0", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v1.status("other-hub", "online", "0.1.0", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void healthValidatesWithAndWithoutDevices() throws Exception {
        HealthSnapshot h = new HealthSnapshot("hub-3f9a1c0d2b7e", "0.1.0", Duration.ofHours(26), 3, 1,
                OptionalLong.of(42), 1234, 5_242_880, 9_000_000_000L, "connected",
                Map.of("A4:C1:38:00:11:22", Instant.parse("2026-11-27T08:15:03Z"), "/dev/ttyUSB0", Instant.parse("2026-11-27T06:00:00Z")),
                Map.of("A4:C1:38:00:11:22", 80, "C0:FF:EE:00:00:02", 15), Instant.parse("2026-11-27T08:20:00Z"));
        byte[] sent = JsonV1.stampPublished(v1.health(h), PUBLISHED);
        PayloadSchemas.assertValid(Kind.HEALTH, sent);
        JsonNode n = tree(sent);
        assertThat(n.get("devices")).hasSize(3);
        assertThat(n.get("outbox").get("oldestUnsentAgeSeconds").asLong()).isEqualTo(42);
        assertThat(n.get("uptimeSeconds").asLong()).isEqualTo(26 * 3600);

        HealthSnapshot idle = new HealthSnapshot("hub-3f9a1c0d2b7e", "0.1.0", Duration.ZERO, 0, 0,
                OptionalLong.empty(), 0, 0, 0, "connecting", Map.of(), Map.of(), Instant.parse("2026-11-27T08:20:00Z"));
        byte[] idleSent = JsonV1.stampPublished(v1.health(idle), PUBLISHED);
        PayloadSchemas.assertValid(Kind.HEALTH, idleSent);
        assertThat(tree(idleSent).get("outbox").has("oldestUnsentAgeSeconds")).isFalse();
    }

    @Test
    void commandResultValidates() throws Exception {
        byte[] sent = JsonV1.stampPublished(v1.commandResult("req-0001", true, "outbox flushed",
                Map.of("published", 12L, "confirmed", true, "note", "ok", "ratio", new BigDecimal("0.50")),
                Instant.parse("2026-11-27T08:19:59.999Z")), PUBLISHED);
        PayloadSchemas.assertValid(Kind.COMMAND_RESULT, sent);
        assertThat(tree(sent).get("details").get("ratio").decimalValue()).isEqualTo(new BigDecimal("0.50"));
        assertThatThrownBy(() -> v1.commandResult("req/1", false, "x", Map.of(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v1.commandResult("r1", false, "x", Map.of("list", List.of()), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Reading readingWith(Measurement m) {
        return new ReadingDraft(SampleReadings.single(MeasurementType.SPO2, Unit.PERCENT, "1").id(),
                "d1-00112233445566778899aabbccddeeff", SampleReadings.cuff(), "enr-1", OptionalInt.empty(),
                OptionalLong.empty(), TimeChain.receivedOnly(SampleReadings.RECEIVED, HubClock.SYNCHRONIZED), List.of(m), Set.of(),
                Origin.SENSED).committed(1);
    }
}
