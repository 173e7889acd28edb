package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalgate.transport.sim.bluez.RacpGlucoseMeter;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.testing.bluez.GattBytes;
import org.vitalgate.transport.sim.bluez.PrivateDbus;
import org.vitalgate.transport.sim.bluez.SimDevice;
import org.vitalgate.testing.bluez.SimDevices;
import org.vitalgate.testing.Closer;
import org.vitalgate.transport.RawFrame;

/** BluezBleLink against a real dbus-daemon and the fake BlueZ: discovery, GATT, notifications. */
class BluezBleLinkIT {
    static final String CUFF = "00:09:1F:8E:2A:1C";
    static final String THERMO = "00:09:1F:11:22:33";
    static final String GLUCO = "C8:DF:84:5E:00:01";
    static final String OXI = "A4:C1:38:00:00:5F";
    static final String STRANGER = "7C:2F:80:AA:BB:CC";
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 8, 15, 0);

    PrivateDbus bus;
    FakeBluez bluez;
    BluezBleLink link;
    final List<RawFrame> frames = new CopyOnWriteArrayList<>();
    final List<Advertisement> ads = new CopyOnWriteArrayList<>();
    final List<String> disconnected = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bus = PrivateDbus.start();
        bluez = FakeBluez.start(bus.address());
    }

    @AfterEach
    void stop() {
        Closer.closeAll(link, bluez, bus);
    }

    void openLink() throws BleLinkException {
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .frameSink(frames::add)
                .advertisementListener(ads::add)
                .linkListener(new BleLinkListener() {
                    @Override
                    public void onDisconnected(String address) {
                        disconnected.add(address);
                    }
                })
                .open();
    }

    void discover(String address, String... uuids) throws BleLinkException {
        link.startDiscovery(List.of(uuids));
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(address)));
    }

    @Test
    void discoveryReportsAdvertisementsWithRssiAndAppliesTheServiceFilter() throws Exception {
        bluez.addDevice(SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of())));
        bluez.addDevice(SimDevices.stranger(STRANGER));
        openLink();
        Instant before = Instant.now();

        discover(CUFF, "1810");

        Advertisement ad = ads.stream().filter(a -> a.address().equals(CUFF)).findFirst().orElseThrow();
        assertThat(ad.name()).contains("A&D_UA-651BLE_8E2A1C");
        assertThat(ad.rssi()).isEqualTo(-60);
        assertThat(ad.serviceUuids()).containsExactly(GattUuid.of16(0x1810));
        assertThat(ad.seenAt()).isAfterOrEqualTo(before);
        Map<String, Variant<?>> filter = bluez.discoveryFilters().get(bluez.discoveryFilters().size() - 1);
        assertThat(filter.get("Transport").getValue()).isEqualTo("le");
        // RSSI keeps being tracked while discovering
        int seen = ads.size();
        await().atMost(Duration.ofSeconds(3)).until(() -> ads.size() > seen);
        assertThat(ads).noneMatch(a -> a.address().equals(STRANGER));

        // without a filter the stranger shows up, with its manufacturer data
        link.startDiscovery(List.of());
        await().atMost(Duration.ofSeconds(3)).until(() -> ads.stream().anyMatch(a -> a.address().equals(STRANGER)));
        Advertisement s = ads.stream().filter(a -> a.address().equals(STRANGER)).findFirst().orElseThrow();
        assertThat(s.rssi()).isEqualTo(-85);
        assertThat(s.manufacturerData()).containsEntry(0x004C, Bytes.of((byte) 0x02, (byte) 0x15));
    }

    @Test
    void notificationsArriveAsRawFramesWithExactBytesAndChannel() throws Exception {
        byte[] temp = GattBytes.temperature(3760, T0, 4);
        bluez.addDevice(SimDevices.thermometer(THERMO, temp));
        openLink();
        discover(THERMO, "1809");

        BleConnection c = link.connect(THERMO, Duration.ofSeconds(5));
        assertThat(c.characteristics()).contains(GattUuid.of16(0x2A1C), GattUuid.of16(0x2A1D));
        assertThat(c.read("2A1D")).isEqualTo(Bytes.of((byte) 4));
        Instant before = Instant.now();
        c.subscribe("2A1C");

        await().atMost(Duration.ofSeconds(3)).until(() -> frames.size() == 1);
        RawFrame f = frames.get(0);
        assertThat(f.deviceAddress()).isEqualTo(THERMO);
        assertThat(f.channel()).isEqualTo("00002a1c-0000-1000-8000-00805f9b34fb");
        assertThat(f.payload()).isEqualTo(Bytes.of(temp));
        assertThat(f.receivedAt()).isBetween(before, Instant.now());
        // bluetoothd signals a read's value like a notification: only subscribed characteristics become frames
        assertThat(c.read("2A1D")).isEqualTo(Bytes.of((byte) 4));
        // a marker on the subscribed characteristic: frames are delivered in order, so a frame of the read
        // value would come before it (no sleep hoping it would have come by now)
        bluez.device(THERMO).notify("2A1C", temp);
        await().atMost(Duration.ofSeconds(3)).until(() -> frames.size() >= 2);
        assertThat(frames).extracting(RawFrame::channel).containsExactly("00002a1c-0000-1000-8000-00805f9b34fb",
                "00002a1c-0000-1000-8000-00805f9b34fb");
        c.disconnect();
        assertThat(c.isConnected()).isFalse();
        assertThat(bluez.isConnected(THERMO)).isFalse();
    }

    @Test
    void andCuffIndicatesStoredReadingsInOrderThenDisconnectsByItself() throws Exception {
        byte[] r1 = GattBytes.bloodPressure(120, 80, 93, 72, T0);
        byte[] r2 = GattBytes.bloodPressure(131, 85, 100, 66, T0.plusHours(6));
        SimDevices.AndCuff firmware = new SimDevices.AndCuff(List.of(r1, r2));
        bluez.addDevice(SimDevices.andUa651(CUFF, firmware));
        openLink();
        discover(CUFF, "1810");

        BleConnection c = link.connect(CUFF, Duration.ofSeconds(5));
        c.write("2A08", Bytes.of(GattBytes.dateTime(LocalDateTime.of(2026, 11, 27, 9, 0, 0))),
                WriteMode.WITH_RESPONSE);
        c.subscribe("2A35");

        assertThat(c.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
        assertThat(frames).extracting(RawFrame::payload).containsExactly(Bytes.of(r1), Bytes.of(r2));
        assertThat(frames).extracting(RawFrame::channel).containsOnly(GattUuid.of16(0x2A35));
        assertThat(firmware.clockWrittenBeforeData()).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> !disconnected.isEmpty());
        assertThat(disconnected).containsExactly(CUFF);
        assertThatThrownBy(() -> c.read("2A49")).isInstanceOf(BleLinkException.class);

        // the cuff only sends what it has not sent before
        frames.clear();
        BleConnection again = link.connect(CUFF, Duration.ofSeconds(5));
        again.subscribe("2A35");
        assertThat(again.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
        assertThat(frames).isEmpty();
    }

    @Test
    void glucoseRacpRoundTripReportsRecordsFromTheRequestedSequenceThenTheResponseCode() throws Exception {
        List<RacpGlucoseMeter.GlucoseRecord> records = List.of(
                SimDevices.record(1, GattBytes.glucose(1, T0, 101, false), null),
                SimDevices.record(2, GattBytes.glucose(2, T0.plusHours(4), 143, true),
                        GattBytes.glucoseContext(2, 2)),
                SimDevices.record(3, GattBytes.glucose(3, T0.plusHours(9), 98, false), null));
        bluez.addDevice(SimDevices.glucoseMeter(GLUCO, "Contour7830H6543210",
                new RacpGlucoseMeter(records), SimDevice.PairingKind.NONE, 0));
        openLink();
        discover(GLUCO, "1808");
        BleConnection c = link.connect(GLUCO, Duration.ofSeconds(5));

        // RACP write before its indications are on fails, as the spec demands (ATT 0x81)
        assertThatThrownBy(() -> c.write("2A52", Bytes.fromHex("01 01"), WriteMode.WITH_RESPONSE))
                .isInstanceOfSatisfying(BleLinkException.class,
                        e -> assertThat(e.errorName()).contains("org.bluez.Error.Failed"));

        c.subscribe("2A18");
        c.subscribe("2A34");
        c.subscribe("2A52");
        c.write("2A52", Bytes.fromHex("01 03 01 02 00"), WriteMode.WITH_RESPONSE);   // records ≥ 2
        await().atMost(Duration.ofSeconds(3))
                .until(() -> frames.stream().anyMatch(f -> f.channel().equals(GattUuid.of16(0x2A52))));
        assertThat(frames).extracting(f -> f.channel().substring(4, 8) + "=" + f.payload().hex()).containsExactly(
                "2a18=" + Bytes.of(records.get(1).measurement()).hex(),
                "2a34=" + Bytes.of(records.get(1).context()).hex(),
                "2a18=" + Bytes.of(records.get(2).measurement()).hex(),
                "2a52=06000101");

        frames.clear();
        c.write("2A52", Bytes.fromHex("01 03 01 04 00"), WriteMode.WITH_RESPONSE);   // nothing newer
        await().atMost(Duration.ofSeconds(3)).until(() -> !frames.isEmpty());
        assertThat(frames).extracting(f -> f.payload().hex()).containsExactly("06000106");
        c.disconnect();
    }

    @Test
    void connectHonoursItsDeadlineAndAdmitsOneAttemptAtATime() throws Exception {
        SimDevice slow = SimDevices.thermometer(THERMO, new byte[] {0});
        slow.setConnectDelayMillis(4000);
        bluez.addDevice(slow);
        bluez.addDevice(SimDevices.plxOximeter(OXI, new SimDevices.PlxStream(100)));
        openLink();
        discover(THERMO, "1809", "1822");
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(OXI)));

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> link.connect(THERMO, Duration.ofMillis(300)))
                .isInstanceOf(BleLinkException.Timeout.class);
        // well short of the device's 4 s: the 300 ms deadline ended the attempt, the device did not
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(3000));

        // a second attempt while one is in flight waits for the permit, within its own deadline
        Thread first = new Thread(() -> {
            try {
                link.connect(THERMO, Duration.ofSeconds(15));
            } catch (BleLinkException e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> bluez.isConnecting(THERMO));
        assertThatThrownBy(() -> link.connect(OXI, Duration.ofMillis(300)))
                .isInstanceOf(BleLinkException.Timeout.class)
                .hasMessageContaining("another connection attempt");
        first.join(15_000);
        assertThat(bluez.isConnected(THERMO)).isTrue();
        assertThat(link.connect(OXI, Duration.ofSeconds(3)).isConnected()).isTrue();

        assertThatThrownBy(() -> link.connect("11:22:33:44:55:66", Duration.ofSeconds(1)))
                .isInstanceOf(BleLinkException.class).hasMessageContaining("not discovered");
    }

    @Test
    void aThrowingSinkDoesNotStopLaterFrames() throws Exception {
        bluez.addDevice(SimDevices.plxOximeter(OXI, new SimDevices.PlxStream(50)));
        AtomicInteger calls = new AtomicInteger();
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .frameSink(f -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("sink bug");
                    }
                    frames.add(f);
                })
                .advertisementListener(ads::add)
                .open();
        discover(OXI, "1822");
        BleConnection c = link.connect(OXI, Duration.ofSeconds(5));
        c.subscribe("2A5F");
        await().atMost(Duration.ofSeconds(3)).until(() -> frames.size() >= 3);
        assertThat(frames.get(0).payload()).isEqualTo(Bytes.of(SimDevices.PlxStream.valueAt(1)));
        c.disconnect();
    }

    @Test
    void pairingRequiresTheProvisioningWindow() throws Exception {
        bluez.addDevice(SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of())));
        bluez.addDevice(SimDevices.glucoseMeter(GLUCO, "meter+02252924",
                new RacpGlucoseMeter(List.of()), SimDevice.PairingKind.PASSKEY_ENTRY, 123456));
        ProvisioningWindow window = new ProvisioningWindow(java.time.Clock.systemUTC());
        AtomicInteger typed = new AtomicInteger(123456);
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .advertisementListener(ads::add)
                .provisioningWindow(window)
                .passkeyProvider(a -> a.equals(GLUCO) && typed.get() >= 0 ? OptionalInt.of(typed.get())
                        : OptionalInt.empty())
                .open();
        discover(CUFF, "1810", "1808");
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(GLUCO)));

        // closed window: the link refuses
        assertThatThrownBy(() -> link.pair(CUFF, Duration.ofSeconds(3)))
                .isInstanceOf(BleLinkException.class).hasMessageContaining("window");
        assertThat(bluez.isPaired(CUFF)).isFalse();

        // closed window: a passkey pairing started by someone else (bluetoothctl) is rejected by our agent;
        // bluetoothd reports any agent error as an authentication failure
        try (var other = org.freedesktop.dbus.connections.impl.DBusConnectionBuilder.forAddress(bus.address())
                .withShared(false).build()) {
            org.bluez.Device1 dev = other.getRemoteObject("org.bluez", "/org/bluez/hci0/dev_C8_DF_84_5E_00_01",
                    org.bluez.Device1.class);
            assertThatThrownBy(dev::Pair).isInstanceOfSatisfying(
                    org.freedesktop.dbus.exceptions.DBusExecutionException.class,
                    e -> assertThat(BluezErrors.name(e)).isEqualTo("org.bluez.Error.AuthenticationFailed"));
        }
        assertThat(bluez.agentCalls).contains("agent error org.bluez.Error.Rejected");
        assertThat(bluez.isPaired(GLUCO)).isFalse();

        window.open(Duration.ofMinutes(5));
        // inside the window too, only bluetoothd may ask our agent for a passkey
        try (var other = org.freedesktop.dbus.connections.impl.DBusConnectionBuilder.forAddress(bus.address())
                .withShared(false).build()) {
            String linkName = java.util.Arrays.stream(other.getRemoteObject("org.freedesktop.DBus",
                            "/org/freedesktop/DBus", org.freedesktop.dbus.interfaces.DBus.class).ListNames())
                    .filter(n -> n.startsWith(":") && !n.equals(other.getUniqueName()))
                    .filter(n -> hasAgent(other, n))
                    .findFirst().orElseThrow();
            org.bluez.Agent1 agent = other.getRemoteObject(linkName, "/org/vitalgate/agent", org.bluez.Agent1.class);
            assertThatThrownBy(() -> agent.RequestPasskey(
                    new org.freedesktop.dbus.DBusPath("/org/bluez/hci0/dev_C8_DF_84_5E_00_01")))
                    .isInstanceOfSatisfying(org.freedesktop.dbus.exceptions.DBusExecutionException.class,
                            e -> assertThat(BluezErrors.name(e)).isEqualTo("org.bluez.Error.Rejected"));
        }
        // Just Works
        link.pair(CUFF, Duration.ofSeconds(3));
        assertThat(bluez.isPaired(CUFF)).isTrue();
        assertThat(bluez.isTrusted(CUFF)).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> link.isPaired(CUFF));
        link.pair(CUFF, Duration.ofSeconds(3)); // already paired is fine

        // passkey entry: wrong key fails, right key bonds
        typed.set(654321);
        assertThatThrownBy(() -> link.pair(GLUCO, Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(BleLinkException.class,
                        e -> assertThat(e.errorName()).contains("org.bluez.Error.AuthenticationFailed"));
        // no passkey supplied by the technician: the agent cancels; BlueZ says only "authentication failed", the
        // link says why
        typed.set(-1);
        assertThatThrownBy(() -> link.pair(GLUCO, Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(BleLinkException.class, e -> {
                    assertThat(e.errorName()).contains("org.bluez.Error.AuthenticationFailed");
                    assertThat(e.getMessage()).contains("no passkey supplied");
                });
        typed.set(123456);
        link.pair(GLUCO, Duration.ofSeconds(3));
        assertThat(bluez.isPaired(GLUCO)).isTrue();
        assertThat(bluez.agentCalls).contains("RequestPasskey " + GLUCO + " -> 123456");

        // forgetting a bond removes the device from BlueZ
        link.removeDevice(GLUCO);
        assertThat(bluez.isPaired(GLUCO)).isFalse();
    }
    @Test
    void aBurstOfNotificationsArrivesCompleteAndInOrder() throws Exception {
        bluez.addDevice(SimDevices.plxOximeter(OXI, new SimDevices.PlxStream(60_000)));
        openLink();
        discover(OXI, "1822");
        BleConnection c = link.connect(OXI, Duration.ofSeconds(5));
        c.subscribe("2A5F");
        var device = bluez.device(OXI);
        var log = org.slf4j.LoggerFactory.getLogger(BluezBleLinkIT.class);
        // a burst far above any BLE rate: nothing lost, nothing reordered
        int n = 1000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            device.notify("2A5F", GattBytes.u16(i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> frames.size() >= n);
        long burstMillis = (System.nanoTime() - t0) / 1_000_000;
        for (int i = 0; i < n; i++) {
            assertThat(frames.get(i).payload()).isEqualTo(Bytes.of(GattBytes.u16(i)));
        }
        log.info("burst of {} notifications delivered complete and in order in {} ms", n, burstMillis);

        // paced like a fast sensor (100/s): latency from the fake's send to the frame's receivedAt
        frames.clear();
        int m = 200;
        Instant[] sent = new Instant[m];
        for (int i = 0; i < m; i++) {
            sent[i] = Instant.now();
            device.notify("2A5F", GattBytes.u16(i));
            Thread.sleep(10);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() >= m);
        long[] micros = new long[m];
        for (int i = 0; i < m; i++) {
            micros[i] = Duration.between(sent[i], frames.get(i).receivedAt()).toNanos() / 1000;
        }
        java.util.Arrays.sort(micros);
        log.info("{} paced notifications: send -> receivedAt p50 {} us, p99 {} us, max {} us",
                m, micros[m / 2], micros[m * 99 / 100], micros[m - 1]);
        assertThat(frames).hasSize(m);
        c.disconnect();
    }
    /** Whether bus peer {@code name} exports our agent object (introspection lists its interface). */
    private static boolean hasAgent(org.freedesktop.dbus.connections.impl.DBusConnection c, String name) {
        try {
            return c.getRemoteObject(name, "/org/vitalgate/agent", org.freedesktop.dbus.interfaces.Introspectable.class)
                    .Introspect().contains("org.bluez.Agent1");
        } catch (Exception e) {
            return false;
        }
    }
}
