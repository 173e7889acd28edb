package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.TrailingOctets;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.Transport;
import org.vitalgate.store.Lane;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreException;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.transport.RawFrame;
import org.vitalgate.uplink.payload.JsonV1;

/**
 * A cuff that appends two vendor octets to its Blood Pressure Measurement: with {@code trailingOctets: ignore}
 * its reading reaches the store and the octets reach the platform raw; with the default {@code reject} the value is
 * a counted {@code decode-failed} event that says why. Nothing is lost without a trace.
 */
class TrailingOctetsIngestIT {
    static final String LENIENT = "00:09:1F:00:00:01";
    static final String STRICT = "00:09:1F:00:00:02";
    static final String BPM = "00002a35-0000-1000-8000-00805f9b34fb";
    /** flags 0x04 (mmHg, pulse) | 120 | 80 | 93 | pulse 72 | two vendor octets a5 01. */
    static final Bytes WITH_TAIL = Bytes.fromHex("04 7800 5000 5d00 4800 a5 01");

    @TempDir
    Path dir;

    final AtomicLong ids = new AtomicLong();
    final List<Reading> accepted = new CopyOnWriteArrayList<>();
    SqliteStore store;
    Ingest ingest;

    @BeforeEach
    void open() throws Exception {
        JsonV1 json = new JsonV1("test-hub");
        store = SqliteStore.open(StoreSettings.defaults(dir.resolve("s.db")), Clock.systemUTC(), json, json,
                () -> String.format("01HZZZZZZZZZZZZZZZZZ%06d", ids.incrementAndGet()));
        MapDeviceDirectory devices = new MapDeviceDirectory();
        devices.put(cuff(LENIENT, TrailingOctets.IGNORE));
        devices.put(cuff(STRICT, TrailingOctets.REJECT));
        ingest = new Ingest(devices, CodecRegistry.standard(), store, Clock.systemUTC(), ZoneId.of("Europe/Berlin"),
                () -> HubClock.SYNCHRONIZED, Thread::new, Ingest.DEFAULT_QUEUE_BYTES, accepted::add);
    }

    static KnownDevice cuff(String address, TrailingOctets trailing) {
        return new KnownDevice(new DeviceIdentity(Transport.BLE, address, "Acme", "BP1", Optional.empty(),
                Optional.empty(), "acme-bp"), "patient-" + address.substring(15), OptionalInt.empty(),
                Map.of(BPM, "gatt.bps.measurement"), false, trailing);
    }

    @AfterEach
    void close() {
        if (ingest != null) {
            ingest.close();
        }
        if (store != null) {
            store.close();
        }
    }

    List<JsonNode> events() throws StoreException, java.io.IOException {
        List<JsonNode> out = new ArrayList<>();
        for (OutboxMessage m : store.pending(Lane.DIAGNOSTIC, 0, 100)) {
            out.add(new ObjectMapper().readTree(m.payload().toByteArray()));
        }
        return out;
    }

    @Test
    void ignoreKeepsTheReadingAndReportsTheTailRejectReportsWhy() throws Exception {
        ingest.accept(new RawFrame(LENIENT, BPM, WITH_TAIL, Instant.now()));
        ingest.accept(new RawFrame(STRICT, BPM, WITH_TAIL, Instant.now()));
        await().atMost(60, TimeUnit.SECONDS).until(() -> !accepted.isEmpty() && events().size() >= 2);

        assertThat(accepted).singleElement().satisfies(r -> {
            assertThat(r.content().device().address()).isEqualTo(LENIENT);
            assertThat(r.content().measurements()).hasSize(4);   // systolic, diastolic, MAP, pulse
        });
        List<JsonNode> events = events();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("trailing-octets-ignored");
            assertThat(e.path("attributes").path("address").asText()).isEqualTo(LENIENT);
            assertThat(e.path("attributes").path("octets").asText()).isEqualTo("2");
            assertThat(e.path("attributes").path("hex").asText()).isEqualTo(Bytes.fromHex("a5 01").hex());
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("decode-failed");
            assertThat(e.path("attributes").path("address").asText()).isEqualTo(STRICT);
            assertThat(e.path("attributes").path("reason").asText()).contains("trailing octets")
                    .contains("trailingOctets: reject");
        });
    }
}
