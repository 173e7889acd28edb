package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.config.ProvisionedDevice;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.store.DeviceAssignment;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.uplink.payload.JsonV1;

/** Profile loading and provisioning from the config file, as the agent does them at start. */
class BleIntakeIT {
    static final Set<String> CODECS = Set.of("gatt.hts.measurement", "gatt.bps.measurement");
    static final String THERMO = """
            schema: 1
            id: %s
            manufacturer: any
            model: Health Thermometer Service
            transport: ble
            match: {serviceUuids: [0x1809]}
            bonding: none
            onConnect:
              - subscribe: [0x2A1C]
            characteristics:
              - {uuid: 0x2A1C, mode: indicate, codec: %s}
            """;

    @TempDir
    Path dir;

    @Test
    void aMissingProfileDirectoryIsAClearError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> BleIntake.loadProfiles(missing, CODECS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("device profile directory").hasMessageContaining(missing.toString())
                .hasMessageContaining("profilesDir");
    }

    @Test
    void invalidProfilesAreSkippedTheOthersLoad() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), THERMO.formatted("good-thermo", "gatt.hts.measurement"));
        Files.writeString(dir.resolve("b.yaml"), THERMO.formatted("bad-thermo", "no.such.codec"));
        Files.writeString(dir.resolve("c.yaml"), "schema: [");
        List<DeviceProfile> loaded = BleIntake.loadProfiles(dir, CODECS);
        assertThat(loaded).extracting(DeviceProfile::id).containsExactly("good-thermo");
    }

    @Test
    void everyShippedProfileLoadsWithTheStandardCodecs() throws Exception {
        // as the agent does at start: a profile naming a codec the registry lacks would be skipped with an ERROR
        Set<String> codecs = CodecRegistry.standard().codecs().stream().map(Codec::id).collect(Collectors.toSet());
        Path shipped = Path.of("device-profiles");
        long files;
        try (Stream<Path> s = Files.list(shipped)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).count();
        }
        List<DeviceProfile> loaded = BleIntake.loadProfiles(shipped, codecs);
        assertThat(loaded).hasSize((int) files);
        DeviceProfile jumper = loaded.stream().filter(p -> p.id().equals("jumper-pls01bt")).findFirst().orElseThrow();
        assertThat(jumper.codecFor("cdeacb81-5235-4c07-8846-93a37ee6b86d")).contains("jumper.oximetry");
    }

    @Test
    void configDevicesAreProvisionedAndWinForTheirAddresses() throws Exception {
        JsonV1 json = new JsonV1("hub");
        try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(dir.resolve("s.db")), Clock.systemUTC(),
                json, json, () -> "01HXXXXXXXXXXXXXXXXXXXXXXX")) {
            store.provision("AA:BB:CC:DD:EE:01", "old-profile", "old-patient", OptionalInt.empty());
            store.provision("AA:BB:CC:DD:EE:09", "cli-profile", "cli-patient", OptionalInt.empty());
            BleIntake.provisionFromConfig(List.of(
                    new ProvisionedDevice("AA:BB:CC:DD:EE:01", "good-thermo", "patient-1", OptionalInt.empty()),
                    new ProvisionedDevice("AA:BB:CC:DD:EE:02", "good-thermo", "patient-2", OptionalInt.of(1)),
                    new ProvisionedDevice("AA:BB:CC:DD:EE:02", "good-thermo", "patient-3", OptionalInt.of(2))),
                    store, Set.of("good-thermo"));
            assertThat(store.listDevices()).extracting(DeviceAssignment::address, DeviceAssignment::patientKey)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("AA:BB:CC:DD:EE:01", "patient-1"),
                            // a second user slot of the same device is not provisioned (one assignment per device)
                            org.assertj.core.groups.Tuple.tuple("AA:BB:CC:DD:EE:02", "patient-2"),
                            // devices not in the file keep their assignment
                            org.assertj.core.groups.Tuple.tuple("AA:BB:CC:DD:EE:09", "cli-patient"));
        }
    }
}
