package org.vitalgate.transport.ble;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vitalgate.reading.Bytes;

/**
 * One BLE advertisement as BlueZ reported it while discovering.
 *
 * @param address          device address {@code AA:BB:CC:DD:EE:FF}
 * @param name             advertised (or cached) name, empty if none
 * @param rssi             received signal strength, dBm
 * @param serviceUuids     advertised service UUIDs, 128-bit lower-case
 * @param manufacturerData company id → data
 * @param seenAt           hub instant at which the signal arrived
 */
public record Advertisement(String address, Optional<String> name, int rssi, Set<String> serviceUuids,
                            Map<Integer, Bytes> manufacturerData, Instant seenAt) {
    public Advertisement {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        serviceUuids = Set.copyOf(serviceUuids);
        manufacturerData = Map.copyOf(manufacturerData);
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
