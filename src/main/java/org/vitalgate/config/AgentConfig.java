package org.vitalgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.uplink.UplinkSettings;

/**
 * The whole, validated agent configuration ({@code /etc/vitalgate/agent.yaml}, see
 * {@code config/agent.example.yaml}). Built by {@link ConfigLoader}. Immutable.
 *
 * @param hubId          this hub's id (configured, or derived from the machine id)
 * @param uplink         the MQTT connection ({@code mqtt:} section)
 * @param store          the SQLite store ({@code store:} section)
 * @param simulation     the simulated home ({@code simulation:} section)
 * @param healthInterval how often the health message is published
 * @param logLevel       log threshold
 * @param profilesDir    directory of device profile YAML files
 * @param controlSocket  reserved for the planned local control socket (not built yet; always the default)
 * @param devices        devices provisioned in the file
 * @param ble            Bluetooth settings
 */
public record AgentConfig(
        String hubId,
        UplinkSettings uplink,
        StoreSettings store,
        SimulationSettings simulation,
        Duration healthInterval,
        LogLevel logLevel,
        Path profilesDir,
        Path controlSocket,
        List<ProvisionedDevice> devices,
        BleSettings ble) {

    public static final Path DEFAULT_FILE = Path.of("/etc/vitalgate/agent.yaml");

    public AgentConfig {
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(uplink, "uplink");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(healthInterval, "healthInterval");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(profilesDir, "profilesDir");
        Objects.requireNonNull(controlSocket, "controlSocket");
        Objects.requireNonNull(ble, "ble");
        devices = List.copyOf(devices);
    }
}
