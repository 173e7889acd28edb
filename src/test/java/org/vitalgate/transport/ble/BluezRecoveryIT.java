package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.PrivateDbus;
import org.vitalgate.testing.bluez.SimDevices;
import org.vitalgate.testing.Closer;
import org.vitalgate.transport.RawFrame;

/** The link survives bluetoothd restarts, adapter removal and power cycles: discovery and data resume. */
class BluezRecoveryIT {
    static final String OXI = "A4:C1:38:00:00:5F";

    PrivateDbus bus;
    FakeBluez bluez;
    BluezBleLink link;
    final List<RawFrame> frames = new CopyOnWriteArrayList<>();
    final List<Advertisement> ads = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bus = PrivateDbus.start();
        bluez = FakeBluez.start(bus.address());
        bluez.addDevice(SimDevices.plxOximeter(OXI, new SimDevices.PlxStream(50)));
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .frameSink(frames::add)
                .advertisementListener(ads::add)
                .linkListener(new BleLinkListener() {
                    @Override
                    public void onDisconnected(String address) {
                        events.add("disconnected " + address);
                    }

                    @Override
                    public void onBluezAvailable(boolean available) {
                        events.add("bluez " + available);
                    }

                    @Override
                    public void onAdapterReady(boolean ready) {
                        events.add("adapter " + ready);
                    }
                })
                .open();
        link.startDiscovery(List.of("1822"));
    }

    @AfterEach
    void stop() {
        Closer.closeAll(link, bluez, bus);
    }

    /** Discovery reports the oximeter, a connection streams, and it is still streaming afterwards. */
    private BleConnection streaming() throws Exception {
        ads.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(OXI)));
        BleConnection c = link.connect(OXI, Duration.ofSeconds(5));
        frames.clear();
        c.subscribe("2A5F");
        await().atMost(Duration.ofSeconds(3)).until(() -> frames.size() >= 3);
        assertThat(frames).allMatch(f -> f.deviceAddress().equals(OXI));
        return c;
    }

    @Test
    void bluetoothdRestartUnderANewOwner() throws Exception {
        BleConnection c = streaming();
        bluez.stopDaemon();
        assertThat(c.awaitDisconnected(Duration.ofSeconds(3))).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> events.contains("bluez false"));
        assertThat(events).contains("disconnected " + OXI);

        events.clear();
        bluez.startDaemon();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("bluez true"));
        await().atMost(Duration.ofSeconds(5)).until(bluez::isDiscovering);
        streaming().disconnect();
    }

    @Test
    void adapterRemovedAndReAdded() throws Exception {
        BleConnection c = streaming();
        bluez.removeAdapter();
        assertThat(c.awaitDisconnected(Duration.ofSeconds(3))).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> events.contains("adapter false"));

        bluez.addAdapter();
        await().atMost(Duration.ofSeconds(5)).until(bluez::isDiscovering);
        streaming().disconnect();
    }

    @Test
    void adapterPowerCycle() throws Exception {
        BleConnection c = streaming();
        bluez.powerOff();
        assertThat(c.awaitDisconnected(Duration.ofSeconds(3))).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> events.contains("adapter false"));
        // (the connection is down, awaited above: nothing can stream while off; no sleep to "check" it)

        bluez.powerOn();
        await().atMost(Duration.ofSeconds(5)).until(bluez::isDiscovering);
        streaming().disconnect();
    }
    @Test
    void aLinkConfiguredToPowerOnTheAdapterDoesSoAfterAPowerCut() throws Exception {
        link.close();
        bluez.powerOff();
        events.clear();
        link = BluezBleLink.builder(new BleLinkConfig(java.util.Optional.of(bus.address()), "hci0",
                        "/org/vitalgate/agent", "KeyboardDisplay", true))
                .frameSink(frames::add)
                .advertisementListener(ads::add)
                .open();
        link.startDiscovery(List.of("1822"));
        await().atMost(Duration.ofSeconds(5)).until(bluez::isDiscovering);
        streaming().disconnect();
    }
    @Test
    void theAgentIsRegisteredAgainWithTheNewBluetoothd() throws Exception {
        String cuff = "C8:DF:84:5E:00:01"; // a meter that pairs by numeric comparison: bluetoothd asks the agent
        bluez.addDevice(SimDevices.glucoseMeter(cuff, "meter+02252924",
                new org.vitalgate.transport.sim.bluez.RacpGlucoseMeter(List.of()),
                org.vitalgate.transport.sim.bluez.SimDevice.PairingKind.NUMERIC_COMPARISON, 123456));
        link.close();
        ProvisioningWindow window = new ProvisioningWindow(java.time.Clock.systemUTC());
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .advertisementListener(ads::add)
                .linkListener(new BleLinkListener() {
                    @Override
                    public void onBluezAvailable(boolean available) {
                        events.add("bluez " + available);
                    }
                })
                .provisioningWindow(window)
                .open();
        events.clear();
        bluez.restartDaemon();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("bluez true"));
        link.startDiscovery(List.of("1808"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ads.stream().anyMatch(a -> a.address().equals(cuff)));
        window.open(Duration.ofMinutes(1));
        link.pair(cuff, Duration.ofSeconds(3)); // numeric comparison goes through our agent: it must be registered
        assertThat(bluez.isPaired(cuff)).isTrue();
        assertThat(bluez.agentCalls).anyMatch(c -> c.startsWith("agent /org/vitalgate/agent for " + cuff));
    }
}
