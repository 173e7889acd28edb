package org.vitalgate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.testing.SampleReadings;
import org.vitalgate.uplink.payload.JsonV1;

/** The demo's live view as a newcomer reads it: 100 columns, the model always there, values as on the wire. */
class LiveViewTest {
    private static final String READINGS = "vitalgate/v1/demo-hub/readings";
    private static final Instant RECEIVED = SampleReadings.RECEIVED;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LiveView view = new LiveView(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(RECEIVED.plusMillis(850), ZoneOffset.UTC));
    private final JsonV1 json = new JsonV1("demo-hub");
    private int next;

    @Test
    void valuesKeepTheDigitsTheWireCarries() {
        show(reading(device("A&D Medical", "UT-201BLE"), Measurement.of(MeasurementType.BODY_TEMPERATURE, "36.50",
                Unit.CEL)), RECEIVED);
        show(SampleReadings.bloodPressure(2), RECEIVED);
        show(reading(device("A&D Medical", "UC-352BLE"), Measurement.of(MeasurementType.BODY_WEIGHT, "72.40",
                Unit.KG)), RECEIVED);
        assertThat(text()).contains("temp 36.50 °C").contains("BP 128/82 mmHg, MAP 97.3, pulse 71/min")
                .contains("weight 72.40 kg");
    }

    @Test
    void everyLineFitsOneHundredColumnsAndTheModelIsNeverCutAway() {
        view.header();
        DeviceIdentity longNames = device("Ascensia Diabetes Care Holdings AG", "Contour Next One");
        show(reading(longNames, Measurement.of(MeasurementType.GLUCOSE_CAPILLARY_PLASMA, "5.6", Unit.MMOL_PER_L)),
                RECEIVED);
        show(reading(device("unknown", "Pulse Oximeter Service"), Measurement.of(MeasurementType.SPO2, "97",
                Unit.PERCENT)), RECEIVED);
        show(SampleReadings.worstCase().content().committed(3), RECEIVED);   // 64-character names, six values
        view.onMessage("vitalgate/v1/demo-hub/events", ("{\"v\":1,\"type\":\"device-seen\",\"attributes\":{\"a\":\""
                + "x".repeat(300) + "\"}}").getBytes(StandardCharsets.UTF_8));
        List<String> lines = text().lines().toList();
        assertThat(lines).hasSize(6).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(lines.get(2)).contains("Contour Next One").doesNotContain("Ascensia");
        assertThat(lines.get(3)).contains("Pulse Oximeter").doesNotContain("unknown");
        assertThat(lines.get(4)).contains("m".repeat(17));
    }

    @Test
    void aReadingThatWaitedInTheOutboxIsMarkedSoAndOnlyThen() {
        Measurement spo2 = Measurement.of(MeasurementType.SPO2, "97", Unit.PERCENT);
        show(reading(device("Nonin", "3230"), spo2), RECEIVED.plusMillis(300));
        show(reading(device("Nonin", "3230"), spo2), RECEIVED.plusSeconds(30));
        List<String> lines = text().lines().toList();
        assertThat(lines.get(0)).endsWith("850 ms");
        assertThat(lines.get(1)).endsWith("850 ms +outbox");
    }

    private void show(Reading r, Instant publishedAt) {
        view.onMessage(READINGS, JsonV1.stampPublished(json.encode(r), publishedAt));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static DeviceIdentity device(String manufacturer, String model) {
        return new DeviceIdentity(Transport.BLE, "00:09:1F:5A:00:01", manufacturer, model, Optional.empty(),
                Optional.empty(), "p");
    }

    private Reading reading(DeviceIdentity device, Measurement m) {
        return new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8" + "ABCDEFGH".charAt(next++)), "d1-00112233",
                device, "enr-1",
                OptionalInt.empty(), OptionalLong.empty(), TimeChain.receivedOnly(RECEIVED, HubClock.SYNCHRONIZED),
                List.of(m), Set.of(), Origin.SENSED).committed(1);
    }
}
