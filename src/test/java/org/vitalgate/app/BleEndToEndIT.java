package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.transport.sim.bluez.RacpGlucoseMeter;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.BleSettings;
import org.vitalgate.config.LogLevel;
import org.vitalgate.config.ProvisionedDevice;
import org.vitalgate.config.SimulationSettings;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.testing.Closer;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.transport.sim.bluez.DeviceSide;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.testing.bluez.GattBytes;
import org.vitalgate.transport.sim.bluez.PrivateDbus;
import org.vitalgate.transport.sim.bluez.SimBehaviour;
import org.vitalgate.transport.sim.bluez.SimDevice;
import org.vitalgate.testing.bluez.SimDevices;
import org.vitalgate.transport.ble.GattUuid;
import org.vitalgate.transport.ble.SessionPolicy;
import org.vitalgate.uplink.UplinkSettings;

/**
 * The whole BLE path, end to end and without a radio: simulated devices behind a fake bluetoothd on a private
 * D-Bus, the real agent (profiles, sessions, ingest, SQLite store, MQTT uplink) and a real Mosquitto. What the
 * backend receives is checked against the published JSON Schemas.
 */
class BleEndToEndIT {
    static final String HUB = "it-hub";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 8, 15, 0);
    static final String CUFF = "00:09:1F:8E:2A:1C";
    static final String GUIDE = "C8:DF:84:5E:00:02";
    static final String SCALE = "00:09:1F:2C:3D:4E";
    static final String THERMO = "00:09:1F:11:22:33";
    static final String OXI = "00:1C:05:AA:00:01";
    static final String OMRON = "28:FF:B2:00:00:07";
    static final String STRANGER = "7C:2F:80:AA:BB:CC";
    static final int GUIDE_PASSKEY = 246810;
    static final Duration OMRON_CLOCK_AHEAD = Duration.ofMinutes(7);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        java.util.Collections.reverse(open);
        Closer.closeAll(open.toArray(AutoCloseable[]::new));
    }

    <T extends AutoCloseable> T closing(T t) {
        open.add(t);
        return t;
    }

    /** Omron-like cuff: notifies its (fast) clock on CTS, then its stored reading, then hangs up. */
    static final class ClockFirstCuff implements SimBehaviour {
        private final byte[] reading;

        ClockFirstCuff(byte[] reading) {
            this.reading = reading;
        }

        @Override
        public void onNotifyStarted(DeviceSide device, String uuid) {
            if (!uuid.equals(GattUuid.of16(0x2A35))) {
                return;
            }
            device.later(10, () -> {
                LocalDateTime deviceNow = LocalDateTime.now(ZONE).plus(OMRON_CLOCK_AHEAD);
                device.notify("2A2B", GattBytes.concat(GattBytes.dateTime(deviceNow),
                        new byte[] {(byte) deviceNow.getDayOfWeek().getValue(), 0, 0}));
                device.notify("2A35", reading);
                device.later(50, device::disconnect);
            });
        }
    }

    static SimDevice omronLike(byte[] reading) {
        return SimDevice.builder(OMRON, "BLESmart_00000480")
                .advertises("1810")
                .passkey(123456)
                .service("1810", SimDevice.ch("2A35", "indicate"))
                .service("1805", SimDevice.ch("2A2B", "read", "notify"))
                .behaviour(new ClockFirstCuff(reading))
                .build();
    }

    AgentConfig config(MosquittoBroker broker, List<ProvisionedDevice> devices) {
        UplinkSettings d = UplinkSettings.defaults(broker.uri(), HUB);
        UplinkSettings uplink = new UplinkSettings(d.broker(), HUB, d.clientId(), d.topicRoot(), d.tls(),
                d.credentialsFile(), d.inflightWindow(), d.maxPublishRate(), true, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30));
        return new AgentConfig(HUB, uplink, StoreSettings.defaults(dir.resolve("vitalgate.db")),
                new SimulationSettings(false, Duration.ofSeconds(10), 1.0, "unused"), Duration.ofSeconds(60),
                LogLevel.INFO, Path.of("device-profiles"), dir.resolve("control.sock"), devices,
                new BleSettings(true, "hci0"));
    }

    static BleOptions options(PrivateDbus bus) {
        SessionPolicy policy = new SessionPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(800),
                Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofSeconds(2));
        return new BleOptions(Optional.of(bus.address()), policy,
                a -> a.equals(GUIDE) ? OptionalInt.of(GUIDE_PASSKEY) : a.equals(OMRON) ? OptionalInt.of(123456)
                        : OptionalInt.empty());
    }

    static JsonNode json(MqttTestSubscriber.Received m) {
        try {
            return JSON.readTree(m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> readingsFrom(MqttTestSubscriber backend, String address) {
        return backend.messages(MqttTestSubscriber.onTopic("vitalgate/v1/" + HUB + "/readings")).stream()
                .map(BleEndToEndIT::json).filter(n -> n.path("device").path("address").asText().equals(address))
                .collect(Collectors.toList());
    }

    static List<String> types(JsonNode reading) {
        List<String> t = new ArrayList<>();
        reading.path("measurements").forEach(m -> t.add(m.path("type").asText() + "=" + m.path("value").asText()));
        return t;
    }

    @Test
    void aHomeOfDevicesReachesTheBrokerThroughBlueZOnceEachAndStrangersStayHome() throws Exception {
        PrivateDbus bus = closing(PrivateDbus.start());
        FakeBluez bluez = closing(FakeBluez.start(bus.address()));
        MosquittoBroker broker = closing(MosquittoBroker.startPlain());
        MqttTestSubscriber backend = closing(MqttTestSubscriber.subscribe(broker, "vitalgate/v1/" + HUB + "/#"));

        SimDevices.AndCuff cuffFirmware = new SimDevices.AndCuff(List.of(
                GattBytes.bloodPressure(128, 82, 97, 71, T0), GattBytes.bloodPressure(131, 85, 100, 74, T0.plusHours(2))));
        bluez.addDevice(SimDevices.andUa651(CUFF, cuffFirmware));
        List<RacpGlucoseMeter.GlucoseRecord> records = List.of(
                SimDevices.record(7, GattBytes.glucose(7, T0, 101, false), null),
                SimDevices.record(8, GattBytes.glucose(8, T0.plusHours(4), 143, true),
                        GattBytes.glucoseContext(8, 2)),
                SimDevices.record(9, GattBytes.glucose(9, T0.plusHours(9), 98, false), null));
        bluez.addDevice(SimDevices.glucoseMeter(GUIDE, "meter+02252924", new RacpGlucoseMeter(records),
                SimDevice.PairingKind.PASSKEY_ENTRY, GUIDE_PASSKEY));
        // the scale and the thermometer send the same stored value on every connection
        bluez.addDevice(SimDevices.weightScale(SCALE, GattBytes.weight(72_450, T0.plusMinutes(5))));
        bluez.addDevice(SimDevices.thermometer(THERMO, GattBytes.temperature(3712, T0.plusMinutes(9), 1)));
        bluez.addDevice(SimDevices.plxOximeter(OXI, new SimDevices.PlxStream(250)));
        bluez.addDevice(omronLike(GattBytes.bloodPressure(118, 76, 90, 64, T0.plusMinutes(30))));
        // looks like a thermometer, is nobody's: seen, never connected, its data never leaves the hub
        bluez.addDevice(SimDevices.thermometer(STRANGER, GattBytes.temperature(3999, T0, 1)));

        AgentConfig cfg = config(broker, List.of(
                new ProvisionedDevice(CUFF, "and-ua651ble", "patient-cuff", OptionalInt.empty()),
                new ProvisionedDevice(GUIDE, "roche-accu-chek-guide", "patient-guide", OptionalInt.empty()),
                new ProvisionedDevice(SCALE, "and-uc352ble", "patient-scale", OptionalInt.empty()),
                new ProvisionedDevice(THERMO, "generic-health-thermometer", "patient-thermo", OptionalInt.empty()),
                new ProvisionedDevice(OXI, "generic-plx-oximeter", "patient-oxi", OptionalInt.empty()),
                new ProvisionedDevice(OMRON, "omron-hem9200t", "patient-omron", OptionalInt.empty())));
        Agent agent = closing(Agent.create(cfg, Clock.systemUTC(), ZONE, "it", new Threads(), options(bus)));
        assertThat(agent.store().listDevices()).hasSize(6);
        agent.pairingWindow().orElseThrow().open(Duration.ofMinutes(5));
        agent.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> readingsFrom(backend, CUFF).size() >= 2
                && readingsFrom(backend, GUIDE).size() >= 3 && readingsFrom(backend, SCALE).size() >= 1
                && readingsFrom(backend, THERMO).size() >= 1 && readingsFrom(backend, OMRON).size() >= 1
                && readingsFrom(backend, OXI).size() >= 3);

        // every message the backend got validates against its schema
        for (MqttTestSubscriber.Received m : backend.messages()) {
            String suffix = m.topic().substring(("vitalgate/v1/" + HUB + "/").length());
            if (!suffix.startsWith("cmd")) {
                PayloadSchemas.assertValidOnTopic(suffix, m.payload());
            }
        }

        // the cuff: clock written before its data; both stored readings, device-local time in the home's zone
        assertThat(cuffFirmware.clockWrittenBeforeData()).isTrue();
        List<JsonNode> cuff = readingsFrom(backend, CUFF);
        assertThat(cuff).extracting(BleEndToEndIT::types).containsExactly(
                List.of("bp-systolic=128", "bp-diastolic=82", "bp-mean=97", "pulse-rate-noninv=71"),
                List.of("bp-systolic=131", "bp-diastolic=85", "bp-mean=100", "pulse-rate-noninv=74"));
        JsonNode first = cuff.get(0);
        assertThat(first.path("patientKey").asText()).isEqualTo("patient-cuff");
        assertThat(first.path("device").path("transport").asText()).isEqualTo("ble");
        assertThat(first.path("device").path("profileId").asText()).isEqualTo("and-ua651ble");
        assertThat(first.path("device").path("manufacturer").asText()).isEqualTo("A&D Medical");
        assertThat(first.path("time").path("device").asText()).isEqualTo("2026-11-27T08:15:00");
        // the hub wrote the cuff's clock on this connection: its clock is known (offset 0), the time is corrected
        assertThat(first.path("time").path("correction").asText()).isEqualTo("device-clock-offset");
        assertThat(first.path("time").path("deviceClockOffsetMs").asLong()).isZero();
        assertThat(Instant.parse(first.path("time").path("measured").asText()))
                .isEqualTo(T0.atZone(ZONE).toInstant());
        assertThat(first.path("time").has("flags")).isFalse();

        // the thermometer has no clock the hub could learn: its time is kept as reported, and says so
        JsonNode thermo = readingsFrom(backend, THERMO).get(0);
        assertThat(thermo.path("time").path("correction").asText()).isEqualTo("device-local-uncorrected");
        assertThat(thermo.path("time").has("deviceClockOffsetMs")).isFalse();

        // the Omron-like cuff told its clock first: the reading is corrected by the measured offset
        JsonNode omron = readingsFrom(backend, OMRON).get(0);
        assertThat(omron.path("time").path("correction").asText()).isEqualTo("device-clock-offset");
        long offsetMs = omron.path("time").path("deviceClockOffsetMs").asLong();
        assertThat(offsetMs).isBetween(OMRON_CLOCK_AHEAD.toMillis() - 3000, OMRON_CLOCK_AHEAD.toMillis() + 1000);
        Instant expected = T0.plusMinutes(30).atZone(ZONE).toInstant().minusMillis(offsetMs);
        assertThat(Instant.parse(omron.path("time").path("measured").asText()))
                .isBetween(expected.minusMillis(1), expected.plusMillis(1)); // the offset is sent in whole ms

        // the oximeter streams without time stamps: measured when received
        JsonNode oxi = readingsFrom(backend, OXI).get(0);
        assertThat(oxi.path("time").path("correction").asText()).isEqualTo("hub-receive-time");
        assertThat(oxi.path("time").has("device")).isFalse();
        assertThat(types(oxi)).anyMatch(t -> t.startsWith("spo2="));
        // matched by the generic PLX profile: make and model come from the device's Device Information, read
        // before its data; the thermometer has none, and its reading names none (no placeholder)
        assertThat(readingsFrom(backend, OXI)).allSatisfy(n -> {
            assertThat(n.path("device").path("manufacturer").asText()).isEqualTo("Contec");
            assertThat(n.path("device").path("model").asText()).isEqualTo("CMS50D-BT");
        });
        JsonNode thermoDevice = readingsFrom(backend, THERMO).get(0).path("device");
        assertThat(thermoDevice.has("manufacturer")).isFalse();
        assertThat(thermoDevice.has("model")).isFalse();

        // glucose: bonded by passkey, records 7..9 with their record numbers
        assertThat(bluez.isPaired(GUIDE)).isTrue();
        assertThat(readingsFrom(backend, GUIDE)).extracting(n -> n.path("deviceRecordNumber").asLong())
                .containsExactly(7L, 8L, 9L);
        assertThat(bluez.device(GUIDE).writes("2A52")).extracting(org.vitalgate.reading.Bytes::of)
                .first().isEqualTo(org.vitalgate.reading.Bytes.fromHex("01 01"));

        // second visits (after the cooldown): the meter is asked only for records after 9; the scale and the
        // thermometer re-send their memory, which the hub drops as duplicates
        await().atMost(Duration.ofSeconds(20)).until(() -> bluez.device(GUIDE).writes("2A52").size() >= 2
                && bluez.device(SCALE).writes("2A08").size() >= 2);
        assertThat(org.vitalgate.reading.Bytes.of(bluez.device(GUIDE).writes("2A52").get(1)))
                .isEqualTo(org.vitalgate.reading.Bytes.fromHex("01 03 01 0A 00"));
        Thread.sleep(1500);
        assertThat(readingsFrom(backend, GUIDE)).hasSize(3);
        assertThat(readingsFrom(backend, SCALE)).hasSize(1);
        assertThat(readingsFrom(backend, THERMO)).hasSize(1);
        assertThat(readingsFrom(backend, CUFF)).hasSize(2);
        List<String> ids = backend.messages(MqttTestSubscriber.onTopic("vitalgate/v1/" + HUB + "/readings")).stream()
                .map(m -> json(m).path("dedupKey").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates();

        // the stranger: never connected, nothing of it in a reading, one device-seen event
        assertThat(bluez.isConnected(STRANGER)).isFalse();
        assertThat(backend.messages(MqttTestSubscriber.onTopic("vitalgate/v1/" + HUB + "/readings")))
                .noneMatch(m -> m.text().contains(STRANGER));
        JsonNode seen = json(backend.await(m -> m.topic().endsWith("/events") && m.text().contains(STRANGER),
                Duration.ofSeconds(5)));
        assertThat(seen.path("type").asText()).isEqualTo("device-seen");
        assertThat(seen.path("attributes").path("profileId").asText()).isEqualTo("generic-health-thermometer");
        assertThat(seen.path("attributes").path("rssi").asText()).isEqualTo("-60");
        assertThat(backend.messages(m -> m.topic().endsWith("/events") && m.text().contains(STRANGER))).hasSize(1);

        // bluetoothd restarts: the link recovers by itself and the oximeter's readings flow again
        bluez.stopDaemon();
        Thread.sleep(500);
        int before = readingsFrom(backend, OXI).size();
        bluez.startDaemon();
        Instant restarted = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> readingsFrom(backend, OXI).stream()
                .anyMatch(n -> Instant.parse(n.path("time").path("received").asText()).isAfter(restarted)));
        assertThat(readingsFrom(backend, OXI).size()).isGreaterThan(before);
    }

    /**
     * An A&amp;D-like cuff that indicates everything it has not sent as soon as indications are on and hangs up
     * after each upload; BlueZ keeps notification sessions across its disconnects (issue 8). Over three reconnects
     * with a new measurement each time, every reading reaches the backend exactly once.
     */
    @Test
    void aCuffThatHangsUpAfterEachUploadLosesNothingAcrossThreeReconnects() throws Exception {
        PrivateDbus bus = closing(PrivateDbus.start());
        FakeBluez bluez = closing(FakeBluez.start(bus.address()));
        MosquittoBroker broker = closing(MosquittoBroker.startPlain());
        MqttTestSubscriber backend = closing(MqttTestSubscriber.subscribe(broker, "vitalgate/v1/" + HUB + "/#"));
        SimDevices.AndCuff cuff = new SimDevices.AndCuff(List.of(GattBytes.bloodPressure(120, 80, 93, 70, T0)));
        bluez.addDevice(SimDevices.andUa651(CUFF, cuff));
        AgentConfig cfg = config(broker, List.of(
                new ProvisionedDevice(CUFF, "and-ua651ble", "patient-cuff", OptionalInt.empty())));
        Agent agent = closing(Agent.create(cfg, Clock.systemUTC(), ZONE, "it", new Threads(), options(bus)));
        agent.pairingWindow().orElseThrow().open(Duration.ofMinutes(5));
        agent.start();

        for (int visit = 1; visit <= 3; visit++) {
            int reached = visit;
            await().atMost(Duration.ofSeconds(20)).until(() -> readingsFrom(backend, CUFF).size() >= reached);
            int uploads = cuff.uploads();
            // measured while the cuff is away: sent the moment indications are on at the next visit
            cuff.measure(GattBytes.bloodPressure(120 + visit, 80, 93, 70, T0.plusHours(visit)));
            await().atMost(Duration.ofSeconds(20)).until(() -> cuff.uploads() > uploads);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> readingsFrom(backend, CUFF).size() >= 4);
        // one more visit with nothing new: nothing is re-sent
        int uploads = cuff.uploads();
        await().atMost(Duration.ofSeconds(20)).until(() -> cuff.uploads() > uploads);
        assertThat(readingsFrom(backend, CUFF)).extracting(n -> types(n).get(0)).containsExactlyInAnyOrder(
                "bp-systolic=120", "bp-systolic=121", "bp-systolic=122", "bp-systolic=123");
        assertThat(cuff.clockWrittenBeforeData()).isTrue();
        assertThat(bluez.droppedNotifications(CUFF)).isEmpty();
    }

    @Test
    void theAgentRunsWithoutBlueZAndCollectsOnceItAppears() throws Exception {
        PrivateDbus bus = closing(PrivateDbus.start());
        MosquittoBroker broker = closing(MosquittoBroker.startPlain());
        MqttTestSubscriber backend = closing(MqttTestSubscriber.subscribe(broker, "vitalgate/v1/" + HUB + "/readings"));
        AgentConfig cfg = config(broker, List.of(
                new ProvisionedDevice(THERMO, "generic-health-thermometer", "patient-thermo", OptionalInt.empty())));
        Agent agent = closing(Agent.create(cfg, Clock.systemUTC(), ZONE, "it", new Threads(), options(bus)));
        agent.start();
        Thread.sleep(1000);
        assertThat(backend.count()).isZero();

        FakeBluez bluez = closing(FakeBluez.start(bus.address()));
        bluez.addDevice(SimDevices.thermometer(THERMO, GattBytes.temperature(3688, T0, 1)));
        JsonNode r = json(backend.await(m -> true, Duration.ofSeconds(15)));
        assertThat(types(r)).containsExactly("body-temperature=36.88");
        assertThat(r.path("patientKey").asText()).isEqualTo("patient-thermo");
        ZonedDateTime measured = Instant.parse(r.path("time").path("measured").asText()).atZone(ZONE);
        assertThat(measured.toLocalDateTime()).isEqualTo(T0);
    }

    @Test
    void anUnreachableBusNeitherBlocksStartNorClose() throws Exception {
        MosquittoBroker broker = closing(MosquittoBroker.startPlain());
        AgentConfig cfg = config(broker, List.of());
        SessionPolicy policy = SessionPolicy.defaults();
        BleOptions nowhere = new BleOptions(Optional.of("unix:path=" + dir.resolve("no-such-bus")), policy,
                a -> OptionalInt.empty());
        Agent agent = Agent.create(cfg, Clock.systemUTC(), ZONE, "it", new Threads(), nowhere);
        long t0 = System.nanoTime();
        agent.start();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        Thread.sleep(300);
        t0 = System.nanoTime();
        agent.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
