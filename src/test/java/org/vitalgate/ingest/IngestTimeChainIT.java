package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.HubClock;
import org.vitalgate.store.Lane;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.transport.RawFrame;
import org.vitalgate.uplink.payload.JsonV1;

/** The time chain through ingest into the store: per-connection device clocks and the hub clock at receipt. */
class IngestTimeChainIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String THERMO = "00:09:1F:11:22:33";
    static final String TEMPERATURE = "00002a1c-0000-1000-8000-00805f9b34fb";
    static final String CURRENT_TIME = "00002a2b-0000-1000-8000-00805f9b34fb";
    static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;
    SqliteStore store;
    final AtomicLong ids = new AtomicLong();

    @BeforeEach
    void open() throws Exception {
        store = open(dir.resolve("s.db"));
        store.provision(THERMO, "generic-health-thermometer", "patient-t", OptionalInt.empty());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SqliteStore open(Path file) throws Exception {
        JsonV1 json = new JsonV1("test-hub");
        return SqliteStore.open(StoreSettings.defaults(file), Clock.systemUTC(), json, json,
                () -> String.format("01HZZZZZZZZZZZZZZZZZZ%05d", ids.incrementAndGet()));
    }

    /** Temperature Measurement: Celsius 36.90 with a time stamp (device wall clock, no zone). */
    static Bytes temperatureAt(String deviceTime) {
        java.time.LocalDateTime t = java.time.LocalDateTime.parse(deviceTime);
        return Bytes.fromHex(String.format("02 6A 0E 00 FE %02X %02X %02X %02X %02X %02X %02X", t.getYear() & 0xFF,
                t.getYear() >> 8, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
    }

    /** Current Time: Date Time, day of week, no fraction, no adjust reason. */
    static Bytes currentTime(String deviceTime) {
        java.time.LocalDateTime t = java.time.LocalDateTime.parse(deviceTime);
        return Bytes.fromHex(String.format("%02X %02X %02X %02X %02X %02X %02X %02X 00 00", t.getYear() & 0xFF,
                t.getYear() >> 8, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                t.getDayOfWeek().getValue()));
    }

    static RawFrame frame(String channel, Bytes payload, Instant at, long connection, RawFrame.Kind kind) {
        return new RawFrame(THERMO, channel, payload, at, connection, kind);
    }

    @Test
    void eachReadingIsCorrectedByTheClockOfItsOwnConnectionAndKeepsTheHubClockOfItsReceipt() throws Exception {
        Set<String> codecs = CodecRegistry.standard().codecs().stream().map(Codec::id).collect(Collectors.toSet());
        ProvisionedDirectory directory = new ProvisionedDirectory(store,
                new ProfileLoader(codecs).loadDirectory(Path.of("device-profiles")));
        Thread receiving = Thread.currentThread();
        // the hub clock synchronizes between receipt (this thread) and processing (the ingest thread)
        Ingest ingest = new Ingest(directory, CodecRegistry.standard(), store, Clock.systemUTC(), ZoneOffset.UTC,
                () -> Thread.currentThread() == receiving ? HubClock.NOT_SYNCHRONIZED : HubClock.SYNCHRONIZED,
                Thread::new, Ingest.DEFAULT_QUEUE_BYTES, r -> { });
        // connection 5: the device clock, read, runs 5 minutes fast
        ingest.accept(frame(CURRENT_TIME, currentTime("2026-12-03T10:05:00"), T, 5, RawFrame.Kind.RECEIVED));
        ingest.accept(frame(TEMPERATURE, temperatureAt("2026-12-03T09:59:00"), T.plusSeconds(10), 5,
                RawFrame.Kind.RECEIVED));
        // connection 6: nothing learned; its 5-minute-fast time stamp lies after the receipt
        ingest.accept(frame(TEMPERATURE, temperatureAt("2026-12-03T10:06:00"), T.plusSeconds(60), 6,
                RawFrame.Kind.RECEIVED));
        // connection 7: the hub wrote the clock, so the device runs on the hub's time
        ingest.accept(frame(CURRENT_TIME, currentTime("2026-12-03T10:02:00"), T.plusSeconds(120), 7,
                RawFrame.Kind.CLOCK_WRITTEN));
        ingest.accept(frame(TEMPERATURE, temperatureAt("2026-12-03T10:02:05"), T.plusSeconds(126), 7,
                RawFrame.Kind.RECEIVED));
        ingest.close();
        store.close();
        store = open(dir.resolve("s.db"));

        List<OutboxMessage> pending = store.pending(Lane.CLINICAL, 0, 10);
        assertThat(pending).hasSize(3);
        List<JsonNode> time = new ArrayList<>();
        for (OutboxMessage m : pending) {
            time.add(JSON.readTree(m.payload().toByteArray()).path("time"));
        }
        assertThat(time.get(0).path("correction").asText()).isEqualTo("device-clock-offset");
        assertThat(time.get(0).path("deviceClockOffsetMs").asLong()).isEqualTo(300_000);
        assertThat(time.get(0).path("measured").asText()).isEqualTo("2026-12-03T09:54:00.000Z");
        assertThat(time.get(0).has("flags")).isFalse();

        assertThat(time.get(1).path("correction").asText()).isEqualTo("device-local-uncorrected");
        assertThat(time.get(1).has("deviceClockOffsetMs")).isFalse();
        assertThat(time.get(1).path("measured").asText()).isEqualTo("2026-12-03T10:06:00.000Z");
        assertThat(time.get(1).path("flags").toString()).isEqualTo("[\"measured-after-received\"]");

        assertThat(time.get(2).path("correction").asText()).isEqualTo("device-clock-offset");
        assertThat(time.get(2).path("deviceClockOffsetMs").asLong()).isZero();
        assertThat(time.get(2).path("measured").asText()).isEqualTo("2026-12-03T10:02:05.000Z");

        assertThat(time).allSatisfy(t -> assertThat(t.path("hubClock").asText())
                .as("received before the hub clock synchronized").isEqualTo("not-synchronized"));
    }
}
