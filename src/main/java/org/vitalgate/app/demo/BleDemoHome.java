package org.vitalgate.app.demo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.vitalgate.app.BleOptions;
import org.vitalgate.app.Threads;
import org.vitalgate.config.Installation;
import org.vitalgate.config.ProvisionedDevice;
import org.vitalgate.transport.ble.SessionPolicy;
import org.vitalgate.transport.sim.BluezHome;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.PrivateDbus;

/**
 * The demo's simulated home over BLE: a private {@code dbus-daemon}, a fake bluetoothd on it and the home's five
 * devices as BLE peripherals ({@link BluezHome}), with the device profiles they need copied next to the demo's
 * store. Created only when {@code dbus-daemon} is on the PATH and the shipped profiles are found. Closing stops
 * the home, the fake bluetoothd and the daemon. Not thread-safe.
 */
final class BleDemoHome implements AutoCloseable {
    /** The installation's profiles (beside the jar, or the source tree of a build), then the package's; never the cwd. */
    static final List<Path> PROFILE_DIRS = Stream.concat(Installation.profileDirs().stream(),
            Stream.of(Path.of("/usr/share/vitalgate/device-profiles"))).distinct().toList();

    private final PrivateDbus bus;
    private final FakeBluez bluez;
    private final BluezHome home;
    private final Path profilesDir;

    private BleDemoHome(PrivateDbus bus, FakeBluez bluez, BluezHome home, Path profilesDir) {
        this.bus = bus;
        this.bluez = bluez;
        this.home = home;
        this.profilesDir = profilesDir;
    }

    /** Why the BLE home cannot run here, or empty when it can. */
    static Optional<String> unavailableReason() {
        if (!onPath("dbus-daemon")) {
            return Optional.of("dbus-daemon is not on the PATH");
        }
        if (profileSource().isEmpty()) {
            return Optional.of("the device profiles " + BluezHome.PROFILES + " were not found in " + PROFILE_DIRS);
        }
        return Optional.empty();
    }

    static BleDemoHome start(Path dir, Clock clock, ZoneId zone, Duration meanInterval) throws Exception {
        Path source = profileSource().orElseThrow(() -> new IllegalStateException("device profiles not found"));
        Path profiles = Files.createDirectories(dir.resolve("device-profiles"));
        for (String id : BluezHome.PROFILES) {
            Files.copy(source.resolve(id + ".yaml"), profiles.resolve(id + ".yaml"));
        }
        PrivateDbus bus = PrivateDbus.start();
        FakeBluez bluez = null;
        try {
            bluez = FakeBluez.start(bus.address());
            BluezHome home = new BluezHome(bluez, clock, zone, meanInterval, clock.millis(), Threads.named("sim-home"));
            return new BleDemoHome(bus, bluez, home, profiles);
        } catch (Exception | Error e) {
            if (bluez != null) {
                bluez.close();
            }
            bus.close();
            throw e;
        }
    }

    String busAddress() {
        return bus.address();
    }

    Path profilesDir() {
        return profilesDir;
    }

    /** The home's devices, provisioned to {@code patientKey}. */
    List<ProvisionedDevice> provisioned(String patientKey) {
        return home.devices().stream().map(d -> new ProvisionedDevice(d.address(), d.profileId(), patientKey,
                OptionalInt.empty())).toList();
    }

    /** A private bus and sessions paced for a demo (devices are revisited 2 s after a session). */
    BleOptions options() {
        SessionPolicy policy = new SessionPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10));
        return new BleOptions(Optional.of(bus.address()), policy, a -> OptionalInt.empty());
    }

    void startMeasuring() {
        home.start();
    }

    @Override
    public void close() {
        home.close();
        bluez.close();
        bus.close();
    }

    private static Optional<Path> profileSource() {
        return PROFILE_DIRS.stream().filter(d -> BluezHome.PROFILES.stream()
                .allMatch(id -> Files.isRegularFile(d.resolve(id + ".yaml")))).findFirst();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
