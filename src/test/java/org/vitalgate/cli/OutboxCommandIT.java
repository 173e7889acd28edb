package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventType;
import org.vitalgate.store.Lane;
import org.vitalgate.store.Outbox;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;

/** {@code vitalgate outbox}: figures, text and JSON, and exit 1 for anything that is not a store. */
class OutboxCommandIT {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    /** 3 readings (1 confirmed) and 1 event, written at T0 by the real store. */
    private Path store() throws Exception {
        Path db = dir.resolve("state/vitalgate.db");
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        ReadingIds ids = new ReadingIds(clock);
        try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(db), clock,
                r -> ("{\"seq\":" + r.seq() + "}").getBytes(StandardCharsets.UTF_8),
                e -> "{}".getBytes(StandardCharsets.UTF_8), () -> ids.next().value())) {
            for (int i = 0; i < 3; i++) {
                DeviceIdentity device = new DeviceIdentity(Transport.BLE, "AA:BB:CC:DD:EE:0" + i, "Acme", "BP200",
                        Optional.empty(), Optional.empty(), "acme-bp200");
                store.submit(new ReadingDraft(ids.next(), "key-" + i, device, "patient-1", OptionalInt.empty(),
                        OptionalLong.empty(), TimeChain.receivedOnly(T0, HubClock.SYNCHRONIZED),
                        List.of(Measurement.of(MeasurementType.BP_SYSTOLIC, "120", Unit.MMHG)), Set.of(),
                        Origin.SENSED)).get();
            }
            store.recordEvent(new Event(ids.next().value(), EventType.DEVICE_SEEN, T0, Map.of()));
            long first = store.pending(Lane.CLINICAL, 0, 1).get(0).id();
            store.confirm(List.of(new Outbox.Confirmation(first, T0.toEpochMilli(), T0.toEpochMilli())));
        }
        return db;
    }

    @Test
    void jsonFigures() throws Exception {
        Path db = store();
        assertThat(run("outbox", "--store", db.toString(), "--json")).as(cli.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(cli.out());
        assertThat(n.path("store").asText()).isEqualTo(db.toString());
        assertThat(n.path("pendingReadings").asLong()).isEqualTo(2);
        assertThat(n.path("pendingEvents").asLong()).isEqualTo(1);
        assertThat(n.path("confirmedReadings").asLong()).isEqualTo(1);
        assertThat(n.path("lastSeq").asLong()).isEqualTo(3);
        assertThat(n.path("oldestUnsentAt").asText()).isEqualTo(T0.toString());
        assertThat(n.path("oldestUnsentAgeSeconds").asLong())
                .isGreaterThanOrEqualTo(Duration.between(T0, Instant.now()).toSeconds() - 5);
        assertThat(n.path("storeBytes").asLong()).isPositive();
        assertThat(n.path("droppedEvents").asLong()).isZero();
    }

    @Test
    void textFiguresFromTheConfiguredStore() throws Exception {
        Path db = store();
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                hubId: hub-1
                mqtt:
                  broker: mqtt://127.0.0.1:1883
                store:
                  path: %s
                """.formatted(db));
        assertThat(run("outbox", "--config", config.toString())).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("store               " + db)
                .contains("pending readings    2\n")
                .contains("pending events      1\n")
                .containsPattern("oldest unsent       \\d+d \\d+h \\(since 2026-03-01T08:00:00Z\\)")
                .contains("last seq            3\n")
                .contains("confirmed readings  1 (local history)")
                .containsPattern("store size          \\d+\\.\\d (KiB|MiB) \\(\\d+ bytes\\)");
    }

    @Test
    void emptyStoreSaysNothingUnsent() throws Exception {
        Path db = dir.resolve("empty.db");
        SqliteStore.open(StoreSettings.defaults(db), Clock.systemUTC(), r -> new byte[0], e -> new byte[0],
                () -> "E1").close();
        assertThat(run("outbox", "--store", db.toString())).isZero();
        assertThat(cli.out()).contains("oldest unsent       none (nothing unsent)").contains("last seq            0");
        cli.clear();
        assertThat(run("outbox", "--store", db.toString(), "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).path("oldestUnsentAgeSeconds").isNull()).isTrue();
    }

    @Test
    void missingFileExitsOne() {
        assertThat(run("outbox", "--store", dir.resolve("nope.db").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("vitalgate outbox: no store at").contains("nope.db")
                .contains("does not exist");
        assertThat(cli.out()).isEmpty();
        assertThat(dir.resolve("nope.db")).doesNotExist();
    }

    @Test
    void notAStoreExitsOne() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is not a database, just some text that is long enough ".repeat(100));
        assertThat(run("outbox", "--store", text.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("is not a vitalgate store");
    }

    @Test
    void badConfigExitsTwoAndStoreAndConfigExcludeEachOther() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "mqtt: {broker: 42}\nstore: {maxSize: huge}\n");
        assertThat(run("outbox", "--config", config.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("bad.yaml:2: store.maxSize");
        assertThat(run("outbox", "--config", config.toString(), "--store", "x.db")).isEqualTo(2);
        assertThat(cli.err()).contains("mutually exclusive");
    }

    @Test
    void sizes() {
        assertThat(OutboxCommand.size(512)).isEqualTo("512 bytes");
        assertThat(OutboxCommand.size(1536)).isEqualTo("1.5 KiB (1536 bytes)");
        assertThat(OutboxCommand.size(3L << 30)).isEqualTo("3.0 GiB (3221225472 bytes)");
        assertThat(OutboxCommand.age(59)).isEqualTo("59s");
        assertThat(OutboxCommand.age(3725)).isEqualTo("1h 2m");
        assertThat(OutboxCommand.age(90061)).isEqualTo("1d 1h");
    }
}
