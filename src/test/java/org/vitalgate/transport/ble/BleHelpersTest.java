package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.Bytes;

/** Pure helpers of the BLE transport: UUIDs, clock bytes, RACP, backoff, D-Bus value shapes, the window. */
class BleHelpersTest {

    @Test
    void uuidsNormaliseToTheLowerCase128BitForm() {
        assertThat(GattUuid.normalize("2A35")).isEqualTo("00002a35-0000-1000-8000-00805f9b34fb");
        assertThat(GattUuid.normalize("0x2a35")).isEqualTo("00002a35-0000-1000-8000-00805f9b34fb");
        assertThat(GattUuid.normalize("46A970E0-0D5F-11E2-8B5E-0002A5D5C51B"))
                .isEqualTo("46a970e0-0d5f-11e2-8b5e-0002a5d5c51b");
        assertThat(GattUuid.of16(0x1810)).isEqualTo("00001810-0000-1000-8000-00805f9b34fb");
        assertThatThrownBy(() -> GattUuid.normalize("2A3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GattUuid.of16(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GattUuid.isValid("zz")).isFalse();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        SessionPolicy p = new SessionPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(50))).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    @Test
    void dbusValuesAcceptTheShapesDbusJavaProduces() {
        assertThat(DbusValues.bytes(new Variant<>(new byte[] {1, 2}, "ay"))).contains(Bytes.of((byte) 1, (byte) 2));
        assertThat(DbusValues.bytes(List.of((byte) 3, (byte) 4))).contains(Bytes.of((byte) 3, (byte) 4));
        assertThat(DbusValues.bytes(new Byte[] {5})).contains(Bytes.of((byte) 5));
        assertThat(DbusValues.bytes("x")).isEmpty();
        assertThat(DbusValues.uuids(new String[] {"2A35", "garbage"})).containsExactly(GattUuid.of16(0x2A35));
        assertThat(DbusValues.manufacturerData(Map.of(new UInt16(0x59), new Variant<>(new byte[] {9}, "ay"))))
                .containsEntry(0x59, Bytes.of((byte) 9));
        assertThat(DbusValues.integer(new Variant<>((short) -60))).contains(-60);
    }

    @Test
    void provisioningWindowOpensForItsDurationOnly() {
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        MutableClock clock = new MutableClock(t0);
        ProvisioningWindow w = new ProvisioningWindow(clock);
        assertThat(w.isOpen()).isFalse();
        w.open(Duration.ofMinutes(10));
        assertThat(w.isOpen()).isTrue();
        clock.now = t0.plus(Duration.ofMinutes(10));
        assertThat(w.isOpen()).isFalse();
        w.open(Duration.ofMinutes(1));
        w.close();
        assertThat(w.isOpen()).isFalse();
        assertThatThrownBy(() -> w.open(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
