package org.vitalgate.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vitalgate.app.Agent;
import org.vitalgate.app.BleOptions;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.BleSettings;
import org.vitalgate.config.ProvisionedDevice;
import org.vitalgate.config.SimulationSettings;
import org.vitalgate.transport.sim.BluezHome;

/**
 * The simulated home, one and the same for {@code vitalgate demo} and for {@code vitalgate run} with
 * {@code simulation.enabled}: when {@code dbus-daemon} is available, five BLE peripherals behind a fake BlueZ on a
 * private D-Bus, provisioned to the simulation's patient and collected through the agent's real BLE path (device
 * profiles, pairing, sessions); otherwise (or with {@code ble.enabled: false}) the same kinds of device feeding
 * ingest directly. In the BLE case the agent's BLE goes to the private bus, not to the machine's adapter. Not thread-safe; close it after the agent.
 */
public final class SimulatedHomeSetup implements AutoCloseable {
    private final AgentConfig config;
    private final Optional<BleDemoHome> ble;
    private final String description;

    private SimulatedHomeSetup(AgentConfig config, Optional<BleDemoHome> ble, String description) {
        this.config = config;
        this.ble = ble;
        this.description = description;
    }

    /**
     * The home for {@code config}'s simulation settings ({@code interval} per device, {@code speed},
     * {@code patientKey}); {@code config} unchanged when simulation is off.
     *
     * @param dir where the BLE home keeps its copy of the device profiles it needs
     */
    public static SimulatedHomeSetup of(AgentConfig config, Path dir, Clock clock, ZoneId zone) {
        Objects.requireNonNull(config, "config");
        SimulationSettings sim = config.simulation();
        if (!sim.enabled()) {
            return new SimulatedHomeSetup(config, Optional.empty(), "no simulated home");
        }
        // the configured interval is per device; the home takes turns among its five devices
        Duration homeInterval = Duration.ofMillis(Math.max(1,
                (long) (sim.interval().dividedBy(BluezHome.PROFILES.size()).toMillis() / sim.speed())));
        Optional<String> noBle = config.ble().enabled() ? BleDemoHome.unavailableReason()
                : Optional.of("ble.enabled is false");
        if (noBle.isEmpty()) {
            try {
                BleDemoHome home = BleDemoHome.start(dir, clock, zone, homeInterval);
                List<ProvisionedDevice> devices = new ArrayList<>(config.devices());
                devices.addAll(home.provisioned(sim.patientKey()));
                // the home's devices need only the shipped profiles: keep the configured directory when it has them
                Path profiles = BluezHome.PROFILES.stream()
                        .allMatch(id -> Files.isRegularFile(config.profilesDir().resolve(id + ".yaml")))
                        ? config.profilesDir() : home.profilesDir();
                AgentConfig overBle = new AgentConfig(config.hubId(), config.uplink(), config.store(),
                        new SimulationSettings(false, sim.interval(), sim.speed(), sim.patientKey()),
                        config.healthInterval(), config.logLevel(), profiles, config.controlSocket(), devices,
                        new BleSettings(true, "hci0"));
                return new SimulatedHomeSetup(overBle, Optional.of(home), "Simulated home: "
                        + BluezHome.PROFILES.size() + " BLE devices behind a fake BlueZ on a private D-Bus;\n"
                        + "  the agent collects them through its real BLE path\n  (device profiles: " + profiles + ")");
            } catch (Exception e) {
                noBle = Optional.of("the private D-Bus / fake BlueZ did not start: " + e.getMessage());
            }
        }
        return new SimulatedHomeSetup(config, Optional.empty(),
                "Simulated home: feeding the agent directly, without BLE\n  (" + noBle.get() + ")");
    }

    /** The agent's configuration with the home in it. */
    public AgentConfig config() {
        return config;
    }

    /** How the agent reaches BlueZ: the home's private bus, or the system bus. */
    public BleOptions bleOptions() {
        return ble.map(BleDemoHome::options).orElseGet(BleOptions::systemBus);
    }

    /** Whether the home runs over the agent's BLE path. */
    public boolean overBle() {
        return ble.isPresent();
    }

    /** One or two lines saying which home runs and how. */
    public String description() {
        return description;
    }

    /**
     * Call after {@link Agent#start()}: the BLE home's devices bond "just works" while the home runs (a pairing
     * window for the whole run), then they start measuring.
     */
    public void started(Agent agent) {
        if (ble.isPresent()) {
            agent.pairingWindow().ifPresent(w -> w.open(Duration.ofDays(3650)));
            ble.get().startMeasuring();
        }
    }

    @Override
    public void close() {
        ble.ifPresent(BleDemoHome::close);
    }
}
