package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalgate.ingest.SessionValues;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.profile.ProfileMatcher;
import org.vitalgate.testing.Closer;
import org.vitalgate.testing.bluez.GattBytes;
import org.vitalgate.testing.bluez.SimDevices;
import org.vitalgate.transport.FlowControl;
import org.vitalgate.transport.RawFrame;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.PrivateDbus;

/**
 * Back-pressure reaches the BLE sessions (against the fake BlueZ): while ingest says pause, no session starts and
 * a collecting one is ended (the device keeps its data); after resume, sessions go on without a cooldown.
 */
class BleFetchPauseIT {
    static final String THERMO = "00:09:1F:11:22:33";
    static final Set<String> CODECS = org.vitalgate.codec.CodecRegistry.standard().codecs().stream()
            .map(org.vitalgate.codec.Codec::id).collect(java.util.stream.Collectors.toUnmodifiableSet());

    PrivateDbus bus;
    FakeBluez bluez;
    BluezBleLink link;
    BleSessionManager sessions;
    final List<RawFrame> frames = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger thermoAds = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        bus = PrivateDbus.start();
        bluez = FakeBluez.start(bus.address());
        List<DeviceProfile> profiles = new ProfileLoader(CODECS).loadDirectory(Path.of("device-profiles"));
        ProfileMatcher matcher = new ProfileMatcher(profiles);
        SessionTargets targets = ad -> ad.address().equals(THERMO)
                ? matcher.match(ad.name(), ad.serviceUuids(), ad.manufacturerData().keySet())
                        .map(SessionValues::target) : Optional.empty();
        // the idle timeout is far beyond the test: a session that ends did so because of the pause
        SessionPolicy policy = new SessionPolicy(Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMillis(300), Duration.ofSeconds(2));
        sessions = new BleSessionManager(policy, Clock.systemUTC(), ZoneId.of("Europe/Berlin"), targets,
                a -> OptionalLong.empty(), events::add);
        link = BluezBleLink.builder(BleLinkConfig.onBus(bus.address()))
                .frameSink(sessions.frameSink(frames::add))
                .advertisementListener(sessions.advertisementListener(a -> {
                    if (a.address().equals(THERMO)) {
                        thermoAds.incrementAndGet();
                    }
                }))
                .linkListener(sessions.linkListener(new BleLinkListener() { }))
                .open();
        sessions.start(link);
    }

    @AfterEach
    void stop() {
        Closer.closeAll(sessions, link, bluez, bus);
    }

    long count(Class<? extends SessionEvent> kind) {
        return events.stream().filter(kind::isInstance).count();
    }

    @Test
    void pausedSessionsDoNotStartCollectingOnesEndAndResumeGoesOnWithoutCooldown() throws Exception {
        byte[] temp = GattBytes.temperature(3712, LocalDateTime.of(2026, 11, 27, 8, 15), 1);
        bluez.addDevice(SimDevices.thermometer(THERMO, temp)); // sends once, then stays connected and silent
        FlowControl flow = sessions.flowControl();

        flow.pauseFetches();
        link.startDiscovery(List.of("1809"));
        await().atMost(Duration.ofSeconds(20)).until(() -> thermoAds.get() >= 3);
        Instant resumedAt = Instant.now();
        flow.resumeFetches();

        // a session starts only after the resume
        await().atMost(Duration.ofSeconds(20)).until(() -> count(SessionEvent.Connected.class) == 1 && !frames.isEmpty());
        SessionEvent.Connected first = (SessionEvent.Connected) events.get(0);
        assertThat(first.at()).isAfterOrEqualTo(resumedAt);
        assertThat(bluez.isConnected(THERMO)).isTrue();   // collecting; the idle timeout is minutes away

        // pausing ends the collecting session: the device is let go
        flow.pauseFetches();
        await().atMost(Duration.ofSeconds(20)).until(() -> count(SessionEvent.Disconnected.class) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !bluez.isConnected(THERMO));
        assertThat(events).noneMatch(e -> e instanceof SessionEvent.Failed);

        // resumed: the next advertisement starts a session again, although the cooldown is ten minutes
        flow.resumeFetches();
        await().atMost(Duration.ofSeconds(20)).until(() -> count(SessionEvent.Connected.class) == 2);
        assertThat(frames).hasSizeGreaterThanOrEqualTo(1);
    }
}
