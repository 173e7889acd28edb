package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.Bytes;
import org.vitalgate.testing.Closer;
import org.vitalgate.testing.bluez.GattBytes;
import org.vitalgate.testing.bluez.SimDevices;
import org.vitalgate.transport.RawFrame;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.PrivateDbus;
import org.vitalgate.transport.sim.bluez.SimDevice;

/**
 * The link against the fake bluetoothd where BlueZ 5.66 behaves in ways a client easily gets wrong (issue 8): each
 * test pins one behaviour and what the link does about it. See docs/bluez-notes.md.
 */
class BluezBehaviourIT {
    static final String CUFF = "00:09:1F:8E:2A:1C";
    static final String THERMO = "00:09:1F:11:22:33";
    static final String OXI = "A4:C1:38:00:00:5F";
    static final String GONE = "00:09:1F:99:99:99";
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 8, 15, 0);

    PrivateDbus bus;
    FakeBluez bluez;
    BluezBleLink link;
    ProvisioningWindow window = new ProvisioningWindow(java.time.Clock.systemUTC());
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
                .provisioningWindow(window)
                .gattTimeout(Duration.ofSeconds(5))
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

    byte[] bp(int sys) {
        return GattBytes.bloodPressure(sys, 80, 93, 72, T0.plusMinutes(sys));
    }

    /** A session as the A&D profile runs it: clock, then indications; the cuff uploads and hangs up. */
    void cuffSession() throws Exception {
        BleConnection c = link.connect(CUFF, Duration.ofSeconds(5));
        c.write("2A08", Bytes.of(GattBytes.dateTime(T0)), WriteMode.WITH_RESPONSE);
        c.subscribe("2A35");
        assertThat(c.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void notificationSessionsSurviveTheCuffsDisconnectYetNoReadingIsLostAndTheClockStillComesFirst() throws Exception {
        SimDevices.AndCuff cuff = new SimDevices.AndCuff(List.of(bp(120)));
        bluez.addDevice(SimDevices.andUa651(CUFF, cuff));
        openLink();
        discover(CUFF, "1810");

        cuffSession();
        for (int i = 1; i <= 3; i++) {
            cuff.measure(bp(120 + i));
            int uploadsBefore = cuff.uploads();
            // BlueZ keeps the notification session across the cuff's disconnect; had the link left it, BlueZ would
            // switch indications on at link-up and the cuff would upload before its clock is set
            BleConnection c = link.connect(CUFF, Duration.ofSeconds(5));
            assertThat(cuff.uploads()).isEqualTo(uploadsBefore);
            c.write("2A08", Bytes.of(GattBytes.dateTime(T0)), WriteMode.WITH_RESPONSE);
            c.subscribe("2A35");
            assertThat(c.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
            assertThat(cuff.clockWrittenBeforeData()).isTrue();
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> frames.size() >= 4);
        assertThat(frames).extracting(RawFrame::payload)
                .containsExactly(Bytes.of(bp(120)), Bytes.of(bp(121)), Bytes.of(bp(122)), Bytes.of(bp(123)));
        assertThat(bluez.droppedNotifications(CUFF)).isEmpty();
    }

    @Test
    void valuesBlueZDeliversBeforeTheSessionSubscribedAgainStillBecomeFrames() throws Exception {
        // another client keeps a notification session open (bluetoothctl, or our StopNotify lost with the link):
        // BlueZ switches indications on as the link comes up and the cuff uploads at once
        SimDevices.AndCuff cuff = new SimDevices.AndCuff(List.of(bp(120)));
        bluez.addDevice(SimDevices.andUa651(CUFF, cuff));
        openLink();
        discover(CUFF, "1810");
        try (var other = org.freedesktop.dbus.connections.impl.DBusConnectionBuilder.forAddress(bus.address())
                .withShared(false).build()) {
            BleConnection c = link.connect(CUFF, Duration.ofSeconds(5));
            c.subscribe("2A35");
            String charPath = "/org/bluez/hci0/dev_00_09_1F_8E_2A_1C/service000a/char000b";
            other.getRemoteObject("org.bluez", charPath, org.bluez.GattCharacteristic1.class).StartNotify();
            assertThat(c.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
            cuff.measure(bp(130));
            int uploads = cuff.uploads();
            link.connect(CUFF, Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(3)).until(() -> cuff.uploads() > uploads); // uploaded at link-up
            await().atMost(Duration.ofSeconds(3)).until(() -> frames.size() >= 2);
        }
        assertThat(frames).extracting(RawFrame::payload).containsExactly(Bytes.of(bp(120)), Bytes.of(bp(130)));
    }

    @Test
    void anEmptyReadAnsweredAsTheLinkDroppedIsNeverAValue() throws Exception {
        SimDevice thermo = SimDevices.thermometer(THERMO, GattBytes.temperature(3712, T0, 1));
        bluez.addDevice(thermo);
        openLink();
        discover(THERMO, "1809");
        BleConnection c = link.connect(THERMO, Duration.ofSeconds(5));
        thermo.dropLinkDuringNext("2A1D");
        assertThatThrownBy(() -> c.read("2A1D")).isInstanceOf(BleLinkException.class)
                .hasMessageContaining("empty value");
    }

    @Test
    void aWriteAnsweredAsSuccessWhileTheLinkDroppedIsNotConfirmed() throws Exception {
        SimDevice cuffDevice = SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of()));
        bluez.addDevice(cuffDevice);
        openLink();
        discover(CUFF, "1810");
        BleConnection c = link.connect(CUFF, Duration.ofSeconds(5));
        cuffDevice.dropLinkDuringNext("2A08");
        assertThatThrownBy(() -> c.write("2A08", Bytes.of(GattBytes.dateTime(T0)), WriteMode.WITH_RESPONSE))
                .isInstanceOf(BleLinkException.class).hasMessageContaining("link went down");
        assertThat(bluez.device(CUFF).writes("2A08")).isEmpty();
    }

    @Test
    void aConnectionLostWhileConnectingIsNeverHandedOutAsOpen() throws Exception {
        SimDevice thermo = SimDevices.thermometer(THERMO, new byte[] {0});
        bluez.addDevice(thermo);
        openLink();
        discover(THERMO, "1809");
        for (int i = 0; i < 5; i++) {
            thermo.dropLinkAfterNextResolve();
            BleConnection c = null;
            try {
                c = link.connect(THERMO, Duration.ofSeconds(5));
            } catch (BleLinkException e) {
                assertThat(e.getMessage()).contains("disconnected");
            }
            if (c != null) { // registered just before the Connected=false signal: closed by it, never lingering
                assertThat(c.awaitDisconnected(Duration.ofSeconds(3))).isTrue();
            }
            await().atMost(Duration.ofSeconds(3)).until(() -> !bluez.isConnected(THERMO));
        }
        // and a normal connection afterwards is fine
        assertThat(link.connect(THERMO, Duration.ofSeconds(5)).isConnected()).isTrue();
    }

    @Test
    void discoveryThatBlueZDroppedIsStartedAgain() throws Exception {
        bluez.addDevice(SimDevices.thermometer(THERMO, new byte[] {0}));
        openLink();
        bluez.failNextDiscoveryStart(); // answered InProgress, session dropped
        link.startDiscovery(List.of("1809"));
        await().atMost(Duration.ofSeconds(5)).until(bluez::isDiscovering);
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(THERMO)));

        bluez.endDiscovery(); // the controller stopped scanning
        await().atMost(Duration.ofSeconds(5)).until(bluez::isDiscovering);
        int seen = ads.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.size() > seen);
    }

    @Test
    void temporaryDevicesDisappearWhenSilentAndAreFoundAgain() throws Exception {
        SimDevice thermo = SimDevices.thermometer(THERMO, new byte[] {0});
        bluez.addDevice(thermo);
        bluez.setTemporaryTimeoutMillis(600);
        openLink();
        discover(THERMO, "1809");
        thermo.setInRange(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !bluez.hasDeviceObject(THERMO));
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThatThrownBy(() -> link.connect(THERMO, Duration.ofSeconds(1)))
                        .hasMessageContaining("not discovered"));
        ads.clear();
        thermo.setInRange(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(THERMO)));
        assertThat(link.connect(THERMO, Duration.ofSeconds(5)).isConnected()).isTrue();
    }

    @Test
    void anUnreachableDeviceFailsAsBlueZSaysAndGivesTheAdapterToWaitingDevices() throws Exception {
        SimDevice gone = SimDevices.thermometer(GONE, new byte[] {0});
        bluez.addDevice(gone);
        bluez.addDevice(SimDevices.plxOximeter(OXI, new SimDevices.PlxStream(100)));
        openLink();
        discover(GONE, "1809", "1822");
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(OXI)));
        gone.setInRange(false);

        // the kernel gives up on an LE connection after its timeout: Failed le-connection-abort-by-local
        bluez.setLeConnectTimeoutMillis(300);
        assertThatThrownBy(() -> link.connect(GONE, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(BleLinkException.class, e -> {
                    assertThat(e.errorName()).contains("org.bluez.Error.Failed");
                    assertThat(e.getCause().getMessage()).contains("le-connection-abort-by-local");
                });

        // with a kernel timeout longer than the attempt's deadline, the unreachable device would hold the
        // adapter's only connect permit for the whole deadline; a waiting device gets it after a fair share
        bluez.setLeConnectTimeoutMillis(20_000);
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
            try {
                link.connect(GONE, Duration.ofSeconds(12));
                return null;
            } catch (BleLinkException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> bluez.isConnecting(GONE));
        long t0 = System.nanoTime();
        BleConnection oxi = link.connect(OXI, Duration.ofSeconds(10));
        assertThat(oxi.isConnected()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(9));
        assertThat(first.get(15, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(BleLinkException.Timeout.class).hasMessageContaining("gave the adapter");
        assertThat(bluez.isConnecting(GONE)).isFalse(); // cancelled (br-connection-canceled), not left running
    }

    @Test
    void aBurstOfAdvertisementsWaitsAsOneUpdatePerDevice() throws Exception {
        bluez.addDevice(SimDevices.thermometer(THERMO, new byte[] {0}));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .advertisementListener(a -> {
                    ads.add(a);
                    if (calls.incrementAndGet() == 2) {
                        try { // the ble-events thread is busy: the burst arrives meanwhile
                            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .open();
        link.startDiscovery(List.of("1809"));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 2);
        int n = 2000;
        bluez.advertiseBurst(THERMO, n);
        await().atMost(Duration.ofSeconds(10)).until(() -> link.coalescedAdvertisements() >= n - 1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
        // what was reported carries the newest RSSI; nowhere near one report per packet
        assertThat(ads.stream().map(Advertisement::rssi)).contains(-40 - (n - 1) % 50);
        assertThat(calls.get()).isLessThan(20);
    }

    @Test
    void justWorksPairingNeverAsksTheAgent() throws Exception {
        bluez.addDevice(SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of())));
        openLink();
        discover(CUFF, "1810");
        window.open(Duration.ofMinutes(1));
        link.pair(CUFF, Duration.ofSeconds(3));
        assertThat(bluez.isPaired(CUFF)).isTrue();
        assertThat(bluez.agentCalls).noneMatch(c -> c.contains(CUFF));
    }

    @Test
    void aBondCompletedAtThePairDeadlineIsKept() throws Exception {
        SimDevice cuffDevice = SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of()));
        cuffDevice.setPairReplyDelayMillis(1500); // bonded at once, answered late
        bluez.addDevice(cuffDevice);
        openLink();
        discover(CUFF, "1810");
        window.open(Duration.ofMinutes(1));
        link.pair(CUFF, Duration.ofMillis(500)); // CancelPairing now would delete the fresh bond
        assertThat(bluez.isPaired(CUFF)).isTrue();
        assertThat(bluez.agentCalls).noneMatch(c -> c.startsWith("bond removed"));

        // a pairing still in progress at the deadline is cancelled, leaving no bond
        SimDevice slow = SimDevices.glucoseMeter(THERMO, "meter+1", new org.vitalgate.transport.sim.bluez
                .RacpGlucoseMeter(List.of()), SimDevice.PairingKind.JUST_WORKS, 0);
        slow.setPairDelayMillis(3000);
        bluez.addDevice(slow);
        discover(THERMO, "1810", "1808");
        assertThatThrownBy(() -> link.pair(THERMO, Duration.ofMillis(500)))
                .isInstanceOf(BleLinkException.Timeout.class);
        await().atMost(Duration.ofSeconds(3)).until(() -> !bluez.isPaired(THERMO));
    }

    @Test
    void servicesResolveAfterConnectReturnsAndAfterABluetoothdRestartOnlyOnConnection() throws Exception {
        bluez.addDevice(SimDevices.andUa651(CUFF, new SimDevices.AndCuff(List.of())));
        openLink();
        discover(CUFF, "1810");
        window.open(Duration.ofMinutes(1));
        link.pair(CUFF, Duration.ofSeconds(3));
        BleConnection c = link.connect(CUFF, Duration.ofSeconds(5));
        assertThat(c.characteristics()).contains(GattUuid.of16(0x2A35), GattUuid.of16(0x2A08));
        c.disconnect();

        bluez.restartDaemon();
        await().atMost(Duration.ofSeconds(5)).until(() -> link.isPaired(CUFF));
        BleConnection again = link.connect(CUFF, Duration.ofSeconds(5));
        assertThat(again.characteristics()).contains(GattUuid.of16(0x2A35), GattUuid.of16(0x2A08));
    }
}
