package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devices table: provision, replace, unprovision, survive reopen, migrate from schema version 1. */
class ProvisionedDevicesIT {
    @TempDir
    Path dir;

    private final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(StoreFixtures.T0);

    @Test
    void provisionReplaceFindListAndUnprovision() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            assertThat(store.listDevices()).isEmpty();
            store.provision("00:09:1f:8e:2a:1c", "and-ua651ble", "patient-1", OptionalInt.empty());
            store.provision("C8:DF:84:5E:00:02", "roche-accu-chek-guide", "patient-2", OptionalInt.of(3));
            assertThat(store.findDevice("00:09:1F:8E:2A:1C")).hasValueSatisfying(d -> {
                assertThat(d.address()).isEqualTo("00:09:1F:8E:2A:1C");
                assertThat(d.profileId()).isEqualTo("and-ua651ble");
                assertThat(d.patientKey()).isEqualTo("patient-1");
                assertThat(d.userSlot()).isEmpty();
                assertThat(d.provisionedAt()).isEqualTo(StoreFixtures.T0);
            });
            clock.advance(Duration.ofMinutes(1));
            store.provision("00:09:1F:8E:2A:1C", "and-ua651ble", "patient-9", OptionalInt.of(1));
            assertThat(store.listDevices()).extracting(DeviceAssignment::address, DeviceAssignment::patientKey,
                    DeviceAssignment::userSlot).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("00:09:1F:8E:2A:1C", "patient-9", OptionalInt.of(1)),
                    org.assertj.core.groups.Tuple.tuple("C8:DF:84:5E:00:02", "patient-2", OptionalInt.of(3)));
            assertThat(store.unprovision("00:09:1f:8e:2a:1c")).isTrue();
            assertThat(store.unprovision("00:09:1f:8e:2a:1c")).isFalse();
            assertThat(store.findDevice("00:09:1F:8E:2A:1C")).isEmpty();
        }
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            assertThat(store.listDevices()).extracting(DeviceAssignment::address).containsExactly("C8:DF:84:5E:00:02");
        }
    }

    @Test
    void badAssignmentsAreRefused() throws Exception {
        try (SqliteStore store = StoreFixtures.open(StoreFixtures.settings(dir), clock)) {
            assertThatThrownBy(() -> store.provision("AA:BB:CC:DD:EE:FF", "p", " ", OptionalInt.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.provision("AA:BB:CC:DD:EE:FF", "p", "k", OptionalInt.of(256)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.listDevices()).isEmpty();
        }
    }

    @Test
    void aVersionOneStoreGainsTheDevicesTableAndKeepsItsCursor() throws Exception {
        StoreSettings s = StoreFixtures.settings(dir);
        StoreFixtures.open(s, clock).close();
        try (Connection c = StoreFixtures.independentConnection(s.path()); Statement st = c.createStatement()) {
            st.execute("DROP TABLE devices");
            st.execute("INSERT INTO device_cursor (address, last_record) VALUES ('C8:DF:84:5E:00:02', 41)");
            st.execute("PRAGMA user_version = 1");
        }
        try (SqliteStore store = StoreFixtures.open(s, clock)) {
            assertThat(store.listDevices()).isEmpty();
            assertThat(store.lastRecordNumber("C8:DF:84:5E:00:02")).hasValue(41);
            store.provision("C8:DF:84:5E:00:02", "roche-accu-chek-guide", "k", OptionalInt.empty());
            assertThat(store.listDevices()).hasSize(1);
        }
    }
}
