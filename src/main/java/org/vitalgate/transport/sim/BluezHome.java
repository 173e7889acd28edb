package org.vitalgate.transport.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.transport.sim.bluez.DeviceSide;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.RacpGlucoseMeter;
import org.vitalgate.transport.sim.bluez.SimBehaviour;
import org.vitalgate.transport.sim.bluez.SimDevice;
import org.vitalgate.transport.sim.bluez.UploadOnSubscribe;

/**
 * The simulated home of {@link SimulatedHome}, but over the air: its five devices are BLE peripherals behind a
 * {@link FakeBluez}, each modelled on a shipped device profile (A&amp;D cuff and scale that upload unsent readings
 * and hang up, a PLX oximeter, a Contour-like glucose meter with RACP and a UTC clock, a Health Thermometer).
 * Measurements are taken in turns and wait in the device's memory until the agent's BLE session collects them,
 * so {@code vitalgate demo} runs the agent's real BLE path. Runs on its own thread; thread-safe.
 */
public final class BluezHome implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BluezHome.class);

    /**
     * One device of the home: what it says about itself, its Bluetooth address and the profile to provision.
     */
    public record HomeDevice(SimulatedDeviceInfo info, String address, String profileId) {
        public HomeDevice {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(profileId, "profileId");
        }
    }

    /** The profiles the home's devices need. */
    public static final List<String> PROFILES = List.of("and-ua651ble", "generic-plx-oximeter", "and-uc352ble",
            "ascensia-contour-next-one", "generic-health-thermometer");

    private final Clock clock;
    private final ZoneId zone;
    private final Random random;
    private final MeasurementTimer timer;
    private final List<Peripheral> peripherals = new ArrayList<>();
    private volatile Instant startedAt;
    private static final String CONTOUR_CLOCK = "00001026-0002-11e2-9e96-0800200c9a66";

    private record Peripheral(HomeDevice device, SimulatedDevice sim, UploadOnSubscribe upload,
                              RacpGlucoseMeter meter) {
    }

    public BluezHome(FakeBluez bluez, Clock clock, ZoneId zone, Duration meanInterval, long seed,
                     ThreadFactory threads) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.random = new Random(seed);
        this.timer = new MeasurementTimer(meanInterval, random, threads);
        for (SimulatedDeviceInfo info : SimulatedHome.standardDevices(seed)) {
            Peripheral p = peripheral(info, new SimulatedDevice(info, random));
            peripherals.add(p);
            bluez.addDevice(simDevice(p));
        }
    }

    public List<HomeDevice> devices() {
        return peripherals.stream().map(Peripheral::device).toList();
    }

    private static Peripheral peripheral(SimulatedDeviceInfo info, SimulatedDevice sim) {
        return switch (info.kind()) {
            case BP_CUFF -> new Peripheral(new HomeDevice(info, "00:09:1F:5A:00:01", "and-ua651ble"), sim,
                    new UploadOnSubscribe("2A35", List.of(), true, true), null);
            case OXIMETER -> new Peripheral(new HomeDevice(info, "00:1C:05:5A:00:02", "generic-plx-oximeter"), sim,
                    new UploadOnSubscribe("2A5E", List.of(), true, true), null);
            case SCALE -> new Peripheral(new HomeDevice(info, "00:09:1F:5A:00:03", "and-uc352ble"), sim,
                    new UploadOnSubscribe("2A9D", List.of(), true, true), null);
            case GLUCOMETER -> new Peripheral(new HomeDevice(info, "D0:39:72:5A:00:04", "ascensia-contour-next-one"),
                    sim, null, new RacpGlucoseMeter(List.of()));
            case THERMOMETER -> new Peripheral(new HomeDevice(info, "00:09:1F:5A:00:05",
                    "generic-health-thermometer"), sim, new UploadOnSubscribe("2A1C", List.of(), true, true), null);
        };
    }

    private SimDevice simDevice(Peripheral p) {
        String a = p.device().address();
        return switch (p.device().info().kind()) {
            case BP_CUFF -> SimDevice.builder(a, "A&D_UA-651BLE_5A0001").advertises("1810")
                    .pairing(SimDevice.PairingKind.JUST_WORKS)
                    .service("1810", SimDevice.ch("2A35", "indicate"), SimDevice.ch("2A08", "read", "write"))
                    .behaviour(clockSettable(p)).build();
            case OXIMETER -> SimDevice.builder(a, "PLX-3230").advertises("1822")
                    .service("1822", SimDevice.ch("2A5E", "indicate"), SimDevice.ch("2A5F", "notify"),
                            SimDevice.ch("2A60", new byte[] {0, 0}, "read"))
                    .service("1805", SimDevice.ch("2A2B", "read"))
                    .behaviour(clockReadable(p)).build();
            case SCALE -> SimDevice.builder(a, "A&D_UC-352BLE_5A0003").advertises("181D")
                    .pairing(SimDevice.PairingKind.JUST_WORKS)
                    .service("181D", SimDevice.ch("2A9D", "indicate"), SimDevice.ch("2A08", "read", "write"))
                    .behaviour(clockSettable(p)).build();
            case GLUCOMETER -> SimDevice.builder(a, "Contour7830H").advertises("1808")
                    .pairing(SimDevice.PairingKind.JUST_WORKS)
                    .service("1808", SimDevice.ch("2A18", "notify"), SimDevice.ch("2A34", "notify"),
                            SimDevice.ch("2A52", "write", "indicate"))
                    .service("00000000-0002-11E2-9E96-0800200C9A66",
                            SimDevice.ch("00001026-0002-11E2-9E96-0800200C9A66", "notify", "write"))
                    .behaviour(contourClock(p)).build();
            case THERMOMETER -> SimDevice.builder(a, "UT-201BLE").advertises("1809")
                    .service("1809", SimDevice.ch("2A1C", "indicate"))
                    .service("1805", SimDevice.ch("2A2B", "read"))
                    .behaviour(clockReadable(p)).build();
        };
    }

    /**
     * The device's firmware plus what an A&amp;D device does with a Date Time write: it sets its clock, so its next
     * readings carry (nearly) the hub's time instead of its own drifted one.
     */
    private SimBehaviour clockSettable(Peripheral p) {
        String dateTime = GattUuids.full(0x2A08);
        return new SimBehaviour() {
            @Override
            public void onNotifyStarted(DeviceSide device, String uuid) {
                p.upload().onNotifyStarted(device, uuid);
            }

            @Override
            public void onWrite(DeviceSide device, String uuid, byte[] value) {
                if (dateTime.equalsIgnoreCase(uuid)) {
                    Instant now = clock.instant();
                    GattBytes.readDateTime(value).ifPresent(t -> p.sim().clockSet(t, LocalDateTime.ofInstant(now,
                            zone), elapsed(now)));
                }
                p.upload().onWrite(device, uuid, value);
            }
        };
    }

    /** The device's firmware plus a Current Time characteristic that reads the device's own (drifting) clock. */
    private SimBehaviour clockReadable(Peripheral p) {
        return new SimBehaviour() {
            @Override
            public void onNotifyStarted(DeviceSide device, String uuid) {
                p.upload().onNotifyStarted(device, uuid);
            }

            @Override
            public Optional<byte[]> onRead(DeviceSide device, String uuid) {
                return GattUuids.CURRENT_TIME.equalsIgnoreCase(uuid)
                        ? Optional.of(GattBytes.currentTime(deviceNow(p)).toByteArray()) : Optional.empty();
            }
        };
    }

    /**
     * The meter's firmware plus what a Contour does with its clock write ({@code 01}, Date Time in UTC, zone
     * offset): it sets its UTC clock, so its next records carry (nearly) the hub's time.
     */
    private SimBehaviour contourClock(Peripheral p) {
        return new SimBehaviour() {
            @Override
            public void onNotifyStarted(DeviceSide device, String uuid) {
                p.meter().onNotifyStarted(device, uuid);
            }

            @Override
            public void onWrite(DeviceSide device, String uuid, byte[] value) {
                if (CONTOUR_CLOCK.equalsIgnoreCase(uuid) && value.length == 10 && value[0] == 0x01) {
                    Instant now = clock.instant();
                    GattBytes.readDateTime(Arrays.copyOfRange(value, 1, 8)).ifPresent(t -> p.sim().clockSet(t,
                            LocalDateTime.ofInstant(now, ZoneOffset.UTC), elapsed(now)));
                }
                p.meter().onWrite(device, uuid, value);
            }
        };
    }

    /** The device's clock now: UTC for the Contour (profile quirk deviceTimeIsUtc), local wall-clock time else. */
    private LocalDateTime deviceNow(Peripheral p) {
        Instant now = clock.instant();
        ZoneId deviceZone = p.meter() != null ? ZoneOffset.UTC : zone;
        return p.sim().deviceClock(LocalDateTime.ofInstant(now, deviceZone), elapsed(now));
    }

    private Duration elapsed(Instant now) {
        Instant started = startedAt;
        return started == null ? Duration.ZERO : Duration.between(started, now);
    }

    /** Starts taking measurements (about one per {@code meanInterval} in the whole home). */
    public synchronized void start() {
        if (startedAt != null) {
            throw new IllegalStateException("already started");
        }
        startedAt = clock.instant();
        LOG.info("BLE home started: {} devices, a measurement every ~{} ms", peripherals.size(),
                timer.meanInterval().toMillis());
        timer.start(this::measureOnce);
    }

    private void measureOnce() {
        Peripheral p = peripherals.get(random.nextInt(peripherals.size()));
        SimulatedDevice.SimFrame f = p.sim().measurement(deviceNow(p));
        if (p.meter() != null) {
            p.meter().add(new RacpGlucoseMeter.GlucoseRecord(p.sim().lastGlucoseSequence(),
                    f.payload().toByteArray(), null));
        } else {
            p.upload().offer(f.payload().toByteArray());
        }
    }

    @Override
    public void close() {
        timer.close();
    }
}
