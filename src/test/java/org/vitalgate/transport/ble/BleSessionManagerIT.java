package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalgate.transport.sim.bluez.RacpGlucoseMeter;
import org.vitalgate.ingest.SessionValues;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.profile.ProfileMatcher;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.testing.bluez.GattBytes;
import org.vitalgate.transport.sim.bluez.PrivateDbus;
import org.vitalgate.transport.sim.bluez.SimDevice;
import org.vitalgate.testing.bluez.SimDevices;
import org.vitalgate.testing.Closer;
import org.vitalgate.transport.RawFrame;

/** Device sessions driven by advertisements and the shipped profiles, against the fake BlueZ. */
class BleSessionManagerIT {
    static final String CUFF = "00:09:1F:8E:2A:1C";
    static final String GUIDE = "C8:DF:84:5E:00:02";
    static final String STRANGER = "7C:2F:80:AA:BB:CC";
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 8, 15, 0);
    static final Set<String> CODECS = Set.of("gatt.bps.measurement", "gatt.bps.feature", "gatt.gls.measurement",
            "gatt.gls.measurement-context", "gatt.hts.measurement", "gatt.wss.measurement", "gatt.wss.feature",
            "gatt.plxs.continuous", "gatt.plxs.spot-check", "gatt.cts.current-time", "gatt.common.datetime", "nonin.oximetry",
            "jumper.oximetry");

    PrivateDbus bus;
    FakeBluez bluez;
    BluezBleLink link;
    BleSessionManager sessions;
    final ProvisioningWindow window = new ProvisioningWindow(Clock.systemUTC());
    final List<RawFrame> frames = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, Long> pointers = new ConcurrentHashMap<>();
    final Set<String> provisioned = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        bus = PrivateDbus.start();
        bluez = FakeBluez.start(bus.address());
        List<DeviceProfile> profiles = new ProfileLoader(CODECS).loadDirectory(Path.of("device-profiles"));
        ProfileMatcher matcher = new ProfileMatcher(profiles);
        SessionTargets targets = ad -> provisioned.contains(ad.address())
                ? matcher.match(ad.name(), ad.serviceUuids(), ad.manufacturerData().keySet())
                        .map(SessionValues::target) : Optional.empty();
        SessionPolicy policy = new SessionPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofMillis(800), Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofSeconds(2));
        sessions = new BleSessionManager(policy, Clock.systemUTC(), ZoneId.of("Europe/Berlin"), targets,
                a -> pointers.containsKey(a) ? OptionalLong.of(pointers.get(a)) : OptionalLong.empty(),
                events::add);
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .frameSink(sessions.frameSink(frames::add))
                .advertisementListener(sessions.advertisementListener(a -> { }))
                .linkListener(sessions.linkListener(new BleLinkListener() { }))
                .provisioningWindow(window)
                .passkeyProvider(a -> a.equals(GUIDE) ? OptionalInt.of(246810) : OptionalInt.empty())
                .open();
        sessions.start(link);
    }

    @AfterEach
    void stop() {
        Closer.closeAll(sessions, link, bluez, bus);
    }

    /** Frames of bytes the devices sent (not the clock values the hub wrote). */
    List<RawFrame> received() {
        return frames.stream().filter(f -> f.kind() == RawFrame.Kind.RECEIVED).toList();
    }

    List<String> eventNames(String address) {
        return events.stream().filter(e -> e.address().equals(address))
                .map(e -> e.getClass().getSimpleName()
                        + (e instanceof SessionEvent.Failed f ? "(" + f.stage() + ")" : ""))
                .collect(Collectors.toList());
    }

    @Test
    void andCuffSessionSetsTheClockFirstCollectsAndCoolsDown() throws Exception {
        byte[] r1 = GattBytes.bloodPressure(120, 80, 93, 72, T0);
        SimDevices.AndCuff firmware = new SimDevices.AndCuff(List.of(r1));
        bluez.addDevice(SimDevices.andUa651(CUFF, firmware));
        bluez.addDevice(SimDevices.stranger(STRANGER));
        provisioned.add(CUFF);
        window.open(Duration.ofMinutes(1)); // the cuff wants a (Just Works) bond
        link.startDiscovery(List.of());

        await().atMost(Duration.ofSeconds(8)).until(() -> eventNames(CUFF).contains("Disconnected"));
        assertThat(eventNames(CUFF)).containsExactly("Connected", "Bonded", "Disconnected");
        assertThat(received()).extracting(RawFrame::payload).containsExactly(Bytes.of(r1));
        assertThat(firmware.clockWrittenBeforeData()).isTrue();
        byte[] clock = bluez.device(CUFF).writes("2A08").get(0);
        assertThat(clock).hasSize(7);
        // the written clock reaches ingest ahead of the data, on the same connection: that reading's clock is known
        assertThat(frames.get(0).kind()).isEqualTo(RawFrame.Kind.CLOCK_WRITTEN);
        assertThat(frames.get(0).payload()).isEqualTo(Bytes.of(clock));
        assertThat(frames.get(0).channel()).isEqualTo("00002a08-0000-1000-8000-00805f9b34fb");
        assertThat(frames.get(0).connection()).isPositive().isEqualTo(received().get(0).connection());
        assertThat(bluez.isTrusted(CUFF)).isTrue();
        // the stranger was never connected
        assertThat(bluez.isConnected(STRANGER)).isFalse();
        assertThat(events).noneMatch(e -> e.address().equals(STRANGER));
        // after the cooldown the cuff is visited again (it has nothing new)
        await().atMost(Duration.ofSeconds(6)).until(() -> eventNames(CUFF).size() >= 5);
        assertThat(eventNames(CUFF).subList(3, 5)).containsExactly("Connected", "Disconnected");
    }

    @Test
    void aJustWorksCuffThatLostItsBondIsRemovedAndPairedAgainWithAnEvent() throws Exception {
        SimDevices.AndCuff firmware = new SimDevices.AndCuff(List.of(GattBytes.bloodPressure(120, 80, 93, 72, T0)));
        SimDevice cuff = SimDevices.andUa651(CUFF, firmware);
        bluez.addDevice(cuff);
        provisioned.add(CUFF);
        window.open(Duration.ofMinutes(1));
        link.startDiscovery(List.of());
        await().atMost(Duration.ofSeconds(8)).until(() -> eventNames(CUFF).contains("Disconnected"));
        window.close(); // the technician left long ago

        // the cuff's batteries were changed: it forgot the bond. BlueZ refuses its Just Works re-pairing while the
        // hub still holds a bond for it; the hub removes the stale bond and pairs again on the next visit
        cuff.loseBond();
        firmware.measure(GattBytes.bloodPressure(131, 85, 100, 66, T0.plusHours(1)));
        await().atMost(Duration.ofSeconds(15)).until(() -> eventNames(CUFF).contains("BondLost"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(eventNames(CUFF))
                .containsSubsequence("BondLost", "Connected", "Bonded", "Disconnected"));
        assertThat(bluez.isPaired(CUFF)).isTrue();
        assertThat(received()).extracting(RawFrame::payload).contains(
                Bytes.of(GattBytes.bloodPressure(131, 85, 100, 66, T0.plusHours(1))));
        // outside the window that allowance was for this device and once: pairing anything else stays refused
        assertThatThrownBy(() -> link.pair(GUIDE, Duration.ofSeconds(1))).hasMessageContaining("window");
    }

    @Test
    void glucoseSessionBondsByPasskeyInsideTheWindowAndFetchesRecordsAfterThePointer() throws Exception {
        List<RacpGlucoseMeter.GlucoseRecord> records = List.of(
                SimDevices.record(7, GattBytes.glucose(7, T0, 101, false), null),
                SimDevices.record(8, GattBytes.glucose(8, T0.plusHours(4), 143, true),
                        GattBytes.glucoseContext(8, 2)),
                SimDevices.record(9, GattBytes.glucose(9, T0.plusHours(9), 98, false), null));
        bluez.addDevice(SimDevices.glucoseMeter(GUIDE, "meter+02252924", new RacpGlucoseMeter(records),
                SimDevice.PairingKind.PASSKEY_ENTRY, 246810));
        provisioned.add(GUIDE);
        pointers.put(GUIDE, 7L);
        link.startDiscovery(List.of());

        // window closed: the bond stage fails and is retried with backoff
        await().atMost(Duration.ofSeconds(5)).until(() -> eventNames(GUIDE).contains("Failed(BOND)"));
        assertThat(bluez.isPaired(GUIDE)).isFalse();
        SessionEvent.Failed failed = (SessionEvent.Failed) events.stream()
                .filter(e -> e instanceof SessionEvent.Failed).findFirst().orElseThrow();
        assertThat(failed.retryNotBefore()).isAfter(failed.at());

        window.open(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(8)).until(() -> eventNames(GUIDE).contains("Disconnected"));
        assertThat(eventNames(GUIDE)).containsSubsequence("Connected", "Bonded", "Disconnected");
        assertThat(bluez.device(GUIDE).writes("2A52")).extracting(Bytes::of)
                .containsExactly(Bytes.fromHex("01 03 01 08 00"));
        // the meter's Device Information (its make) is read before its data, then records after the pointer
        assertThat(frames).extracting(f -> f.payload().hex()).containsExactly(
                Bytes.of("Ascensia".getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex(),
                Bytes.of(records.get(1).measurement()).hex(), Bytes.of(records.get(1).context()).hex(),
                Bytes.of(records.get(2).measurement()).hex(), "06000101");
        assertThat(frames.get(0).channel()).isEqualTo(GattUuid.of16(0x2A29));
        // the meter does not hang up by itself: the session disconnected after the RACP response
        assertThat(bluez.isConnected(GUIDE)).isFalse();
    }

    @Test
    void connectFailuresBackOff() throws Exception {
        SimDevice cuff = SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of()));
        cuff.setConnectDelayMillis(5000); // never connects within the 3 s deadline
        bluez.addDevice(cuff);
        provisioned.add(CUFF);
        link.startDiscovery(List.of());
        await().atMost(Duration.ofSeconds(12)).until(() -> eventNames(CUFF).stream()
                .filter("Failed(CONNECT)"::equals).count() >= 2);
        List<SessionEvent.Failed> fails = events.stream().filter(e -> e instanceof SessionEvent.Failed)
                .map(SessionEvent.Failed.class::cast).toList();
        Duration first = Duration.between(fails.get(0).at(), fails.get(0).retryNotBefore());
        Duration second = Duration.between(fails.get(1).at(), fails.get(1).retryNotBefore());
        assertThat(second).isGreaterThan(first);
    }
    @Test
    void aSilentDeviceIsDisconnectedAfterTheIdleTimeout() throws Exception {
        String thermo = "00:09:1F:11:22:33";
        byte[] temp = GattBytes.temperature(3712, T0, 1);
        bluez.addDevice(SimDevices.thermometer(thermo, temp)); // sends once, then stays connected and silent
        provisioned.add(thermo);
        link.startDiscovery(List.of("1809"));
        await().atMost(Duration.ofSeconds(6)).until(() -> eventNames(thermo).contains("Disconnected"));
        SessionEvent.Connected connected = (SessionEvent.Connected) events.get(0);
        SessionEvent.Disconnected done = (SessionEvent.Disconnected) events.get(1);
        assertThat(connected.profileId()).isEqualTo("generic-health-thermometer");
        assertThat(done.framesReceived()).isEqualTo(1);
        assertThat(Duration.between(connected.at(), done.at())).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(frames).extracting(RawFrame::payload).containsExactly(Bytes.of(temp));
        assertThat(bluez.isConnected(thermo)).isFalse();
    }

    @Test
    void aClockReadOnConnectTravelsAheadOfTheReadingsOfItsConnectionOnly() throws Exception {
        String thermo = "00:09:1F:11:22:44";
        // Current Time 2026-11-27 08:15:00, Friday, no fraction, no adjust reason
        byte[] clock = {(byte) 0xEA, 0x07, 0x0B, 0x1B, 0x08, 0x0F, 0x00, 0x05, 0x00, 0x00};
        byte[] temp = GattBytes.temperature(3712, T0, 1);
        bluez.addDevice(SimDevice.builder(thermo, "TEMP-1809").advertises("1809")
                .service("1809", SimDevice.ch("2A1C", "indicate"))
                .service("1805", SimDevice.ch("2A2B", clock, "read"))
                .behaviour(new org.vitalgate.transport.sim.bluez.UploadOnSubscribe("2A1C", List.of(temp), true, false))
                .build());
        provisioned.add(thermo);
        link.startDiscovery(List.of("1809"));
        // it sends its memory and hangs up on every connection: two sessions
        await().atMost(Duration.ofSeconds(10))
                .until(() -> eventNames(thermo).stream().filter("Disconnected"::equals).count() >= 2);
        List<RawFrame> got = frames.subList(0, 4);
        assertThat(got).extracting(f -> f.channel().substring(4, 8)).containsExactly("2a2b", "2a1c", "2a2b", "2a1c");
        assertThat(got.get(0).payload()).isEqualTo(Bytes.of(clock));
        assertThat(got).allMatch(f -> f.kind() == RawFrame.Kind.RECEIVED);
        assertThat(got.get(0).connection()).isPositive().isEqualTo(got.get(1).connection());
        assertThat(got.get(2).connection()).isEqualTo(got.get(3).connection()).isNotEqualTo(got.get(0).connection());
    }

    @Test
    void aDeviceWithoutTheClockItMightHaveIsCollectedAllTheSame() throws Exception {
        String thermo = "00:09:1F:11:22:55";
        byte[] temp = GattBytes.temperature(3650, T0, 1);
        bluez.addDevice(SimDevices.thermometer(thermo, temp)); // no Current Time service
        provisioned.add(thermo);
        link.startDiscovery(List.of("1809"));
        await().atMost(Duration.ofSeconds(6)).until(() -> !frames.isEmpty());
        assertThat(frames.get(0).payload()).isEqualTo(Bytes.of(temp));
        assertThat(events).noneMatch(e -> e instanceof SessionEvent.Failed);
    }
    @Test
    void andScaleSessionWritesItsClockAndDeliversTheStoredWeight() throws Exception {
        String scale = "00:09:1F:2C:3D:4E";
        byte[] weight = GattBytes.weight(72_450, T0);
        bluez.addDevice(SimDevices.weightScale(scale, weight));
        provisioned.add(scale);
        window.open(Duration.ofMinutes(1));
        link.startDiscovery(List.of("181D"));
        await().atMost(Duration.ofSeconds(8)).until(() -> eventNames(scale).contains("Disconnected"));
        assertThat(events.get(0)).isInstanceOfSatisfying(SessionEvent.Connected.class,
                c -> assertThat(c.profileId()).isEqualTo("and-uc352ble"));
        assertThat(bluez.device(scale).writes("2A08")).hasSize(1);
        assertThat(received()).extracting(RawFrame::channel, RawFrame::payload)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "00002a9d-0000-1000-8000-00805f9b34fb", Bytes.of(weight)));
    }
}
