package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.profile.ProfileMatcher;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Transport;
import org.vitalgate.store.Lane;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.transport.RawFrame;
import org.vitalgate.transport.ble.Advertisement;
import org.vitalgate.uplink.payload.JsonV1;

/** The store-backed device directory, the session targets it feeds, and DIS strings reaching readings. */
class ProvisionedDirectoryIT {
    static final String CUFF = "00:09:1F:8E:2A:1C";
    static final String THERMO = "00:09:1F:11:22:33";
    static final String STRANGER = "7C:2F:80:AA:BB:CC";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    SqliteStore store;
    List<DeviceProfile> profiles;
    ProvisionedDirectory directory;
    final AtomicLong ids = new AtomicLong();

    @BeforeEach
    void open() throws Exception {
        JsonV1 json = new JsonV1("test-hub");
        store = SqliteStore.open(StoreSettings.defaults(dir.resolve("s.db")), Clock.systemUTC(), json, json,
                () -> String.format("01HZZZZZZZZZZZZZZZZZZ%05d", ids.incrementAndGet()));
        Set<String> codecs = CodecRegistry.standard().codecs().stream().map(Codec::id).collect(Collectors.toSet());
        profiles = new ProfileLoader(codecs).loadDirectory(Path.of("device-profiles"));
        directory = new ProvisionedDirectory(store, profiles);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Closes the store (its writer commits every queued job first) and opens the same file again. */
    private void reopenStore() throws Exception {
        store.close();
        JsonV1 json = new JsonV1("test-hub");
        store = SqliteStore.open(StoreSettings.defaults(dir.resolve("s.db")), Clock.systemUTC(), json, json,
                () -> String.format("01HZZZZZZZZZZZZZZZZZZ%05d", ids.incrementAndGet()));
    }

    @Test
    void aProvisionedDeviceGetsItsProfilesCodecsAndIdentity() throws Exception {
        assertThat(directory.lookup(CUFF)).isEmpty();
        store.provision(CUFF, "and-ua651ble", "patient-1", OptionalInt.of(2));
        KnownDevice d = directory.lookup(CUFF.toLowerCase()).orElseThrow();
        assertThat(d.identity().transport()).isEqualTo(Transport.BLE);
        assertThat(d.identity().manufacturer()).contains("A&D Medical");
        assertThat(d.identity().model()).contains("UA-651BLE");
        assertThat(d.identity().serialNumber()).isEmpty();
        assertThat(d.identity().profileId()).isEqualTo("and-ua651ble");
        assertThat(d.patientKey()).isEqualTo("patient-1");
        assertThat(d.userSlot()).hasValue(2);
        assertThat(d.codecFor("00002A35-0000-1000-8000-00805F9B34FB")).hasValue("gatt.bps.measurement");
        assertThat(d.codecFor("00002a25-0000-1000-8000-00805f9b34fb")).hasValue("gatt.dis.serial-number");
        assertThat(d.deviceTimeIsUtc()).isFalse();

        store.unprovision(CUFF);
        assertThat(directory.lookup(CUFF)).isEmpty();
    }

    @Test
    void genericProfilesNameNoManufacturerNorModelAndUnknownProfilesAreNotTaken() throws Exception {
        store.provision(THERMO, "generic-health-thermometer", "p", OptionalInt.empty());
        // a placeholder ("unknown", or the service name as model) is not an identity: unknown is left out
        assertThat(directory.lookup(THERMO).orElseThrow().identity().manufacturer()).isEmpty();
        assertThat(directory.lookup(THERMO).orElseThrow().identity().model()).isEmpty();
        store.provision(CUFF, "no-such-profile", "p", OptionalInt.empty());
        assertThat(directory.lookup(CUFF)).isEmpty();
    }

    @Test
    void deviceInformationStringsReachTheReadingBoundedAndCleaned() throws Exception {
        store.provision(THERMO, "generic-health-thermometer", "patient-t", OptionalInt.empty());
        Ingest ingest = new Ingest(directory, CodecRegistry.standard(), store, Clock.systemUTC(),
                ZoneId.of("Europe/Berlin"), () -> HubClock.SYNCHRONIZED, Thread::new, Ingest.DEFAULT_QUEUE_BYTES, r -> { });
        Instant now = Instant.now();
        String longSerial = "SN-" + "9".repeat(80);
        ingest.accept(new RawFrame(THERMO, "00002a25-0000-1000-8000-00805f9b34fb",
                Bytes.of((longSerial + "\0\0").getBytes(java.nio.charset.StandardCharsets.UTF_8)), now));
        ingest.accept(new RawFrame(THERMO, "00002a29-0000-1000-8000-00805f9b34fb",
                Bytes.of("A&D\u0007 Medical ".getBytes(java.nio.charset.StandardCharsets.UTF_8)), now));
        // Temperature Measurement: flags 0 (Celsius, no time stamp), 36.90
        ingest.accept(new RawFrame(THERMO, "00002a1c-0000-1000-8000-00805f9b34fb",
                Bytes.fromHex("00 6A 0E 00 FE"), now));
        ingest.close();   // every frame has been handed to the store
        reopenStore();     // the store's close commits everything handed to it: no waiting on the group commit
        List<OutboxMessage> pending = store.pending(Lane.CLINICAL, 0, 10);
        assertThat(pending).hasSize(1);
        JsonNode device = JSON.readTree(pending.get(0).payload().toByteArray()).path("device");
        assertThat(device.path("serialNumber").asText()).hasSize(64).startsWith("SN-999");
        assertThat(device.path("manufacturer").asText()).isEqualTo("A&D Medical");
        assertThat(device.has("model")).isFalse(); // the device did not say, the generic profile cannot
    }

    @Test
    void onlyProvisionedDevicesAreTargetsAndStrangersAreSeenOncePerInterval() throws Exception {
        store.provision(THERMO, "generic-health-thermometer", "p", OptionalInt.empty());
        ProvisionedTargets targets = new ProvisionedTargets(directory, new ProfileMatcher(profiles), store,
                Clock.systemUTC(), () -> String.format("01HYYYYYYYYYYYYYYYYYYY%04d", ids.incrementAndGet()),
                Duration.ofMinutes(10));
        Advertisement thermo = new Advertisement(THERMO, Optional.empty(), -50,
                Set.of("00001809-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());
        assertThat(targets.targetFor(thermo)).hasValueSatisfying(t ->
                assertThat(t.profile().id()).isEqualTo("generic-health-thermometer"));
        Advertisement stranger = new Advertisement(STRANGER, Optional.of("TEMP"), -71,
                Set.of("00001809-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());
        Advertisement beacon = new Advertisement("11:22:33:44:55:66", Optional.empty(), -40,
                Set.of("0000180f-0000-1000-8000-00805f9b34fb"), Map.of(0x004C, Bytes.fromHex("02 15")), Instant.now());
        for (int i = 0; i < 3; i++) {
            assertThat(targets.targetFor(stranger)).isEmpty();
            assertThat(targets.targetFor(beacon)).isEmpty();
        }
        reopenStore();
        List<OutboxMessage> events = store.pending(Lane.DIAGNOSTIC, 0, 10);
        assertThat(events).hasSize(1);
        JsonNode e = JSON.readTree(events.get(0).payload().toByteArray());
        assertThat(e.path("type").asText()).isEqualTo("device-seen");
        assertThat(e.path("attributes").path("address").asText()).isEqualTo(STRANGER);
        assertThat(e.path("attributes").path("profileId").asText()).isEqualTo("generic-health-thermometer");
        assertThat(e.path("attributes").path("rssi").asText()).isEqualTo("-71");
    }

    @Test
    void neighboursDevicesRememberedForDeviceSeenAreBoundedAndAKnownOneIsStillLimited() throws Exception {
        AtomicLong eventIds = new AtomicLong();
        ProvisionedTargets targets = new ProvisionedTargets(directory, new ProfileMatcher(profiles), store,
                Clock.systemUTC(), () -> String.format("01HWWWWWWWWWWWWWWWWWW%05d", eventIds.incrementAndGet()),
                Duration.ofMinutes(10));
        java.util.function.Function<String, Advertisement> ad = address -> new Advertisement(address,
                Optional.of("TEMP"), -71, Set.of("00001809-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());
        assertThat(targets.targetFor(ad.apply(STRANGER))).isEmpty();
        int neighbours = 3 * ProvisionedTargets.MAX_SEEN;
        for (int i = 0; i < neighbours; i++) {
            assertThat(targets.targetFor(ad.apply(String.format("02:00:00:00:%02X:%02X", i >> 8, i & 0xFF))))
                    .isEmpty();
            if (i % 50 == 0) {
                assertThat(targets.targetFor(ad.apply(STRANGER))).isEmpty();
            }
        }
        assertThat(targets.seenRemembered()).isEqualTo(ProvisionedTargets.MAX_SEEN);
        reopenStore();
        List<OutboxMessage> events = store.pending(Lane.DIAGNOSTIC, 0, 2 * neighbours);
        assertThat(events).hasSize(neighbours + 1);
        long ofKnown = events.stream().filter(m -> {
            try {
                return JSON.readTree(m.payload().toByteArray()).path("attributes").path("address").asText()
                        .equals(STRANGER);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count();
        assertThat(ofKnown).as("device-seen events of the stranger seen all along").isEqualTo(1);
    }

    @Test
    void devicesWhoseClockIsWrittenOrRecordsFetchedWaitForASynchronizedHubClock() throws Exception {
        String cuff = "00:09:1F:8E:2A:1C";
        store.provision(cuff, "and-ua651ble", "p", OptionalInt.empty());
        store.provision(THERMO, "generic-health-thermometer", "p", OptionalInt.empty());
        java.util.concurrent.atomic.AtomicReference<HubClock> hubClock =
                new java.util.concurrent.atomic.AtomicReference<>(HubClock.NOT_SYNCHRONIZED);
        ProvisionedTargets targets = new ProvisionedTargets(directory, new ProfileMatcher(profiles), store,
                Clock.systemUTC(), () -> "unused", Duration.ofMinutes(10), hubClock::get);
        Advertisement cuffAd = new Advertisement(cuff, Optional.of("A&D_UA-651BLE_8E2A1C"), -50,
                Set.of("00001810-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());
        Advertisement thermo = new Advertisement(THERMO, Optional.empty(), -50,
                Set.of("00001809-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());
        // after boot, before NTP: the cuff's session would write a wrong clock into it; it keeps its readings
        assertThat(targets.targetFor(cuffAd)).isEmpty();
        assertThat(targets.targetFor(cuffAd)).isEmpty();
        // a device whose clock the hub only reads is collected (its readings say hubClock: not-synchronized)
        assertThat(targets.targetFor(thermo)).isPresent();
        hubClock.set(HubClock.SYNCHRONIZED);
        assertThat(targets.targetFor(cuffAd)).hasValueSatisfying(t ->
                assertThat(t.profile().id()).isEqualTo("and-ua651ble"));
        // a hub that cannot tell (no timesyncd, chrony or timedatectl) does not stop collecting
        hubClock.set(HubClock.UNKNOWN);
        assertThat(targets.targetFor(cuffAd)).isPresent();
    }

    @Test
    void noSessionIsStartedWhileTheStoreRefusesReadings() throws Exception {
        java.util.concurrent.atomic.AtomicLong freeDisk = new java.util.concurrent.atomic.AtomicLong(1);
        JsonV1 json = new JsonV1("test-hub");
        StoreSettings settings = new StoreSettings(dir.resolve("full.db"), 64L << 20, 1_000_000, 90, 400,
                Duration.ofMillis(1), 100);
        try (SqliteStore full = SqliteStore.open(settings, Clock.systemUTC(), json, json,
                () -> String.format("01HXXXXXXXXXXXXXXXXXX%05d", ids.incrementAndGet()), freeDisk::get,
                Thread::new)) {
            full.provision(THERMO, "generic-health-thermometer", "p", OptionalInt.empty());
            ProvisionedTargets targets = new ProvisionedTargets(new ProvisionedDirectory(full, profiles),
                    new ProfileMatcher(profiles), full, Clock.systemUTC(), () -> "unused", Duration.ofMinutes(10));
            Advertisement thermo = new Advertisement(THERMO, Optional.empty(), -50,
                    Set.of("00001809-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());
            assertThat(full.isAcceptingReadings()).isFalse();
            assertThat(targets.targetFor(thermo)).as("the device keeps its memory while the store is full").isEmpty();
            freeDisk.set(Long.MAX_VALUE);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(full::isAcceptingReadings);
            assertThat(targets.targetFor(thermo)).isPresent();
        }
    }
}
