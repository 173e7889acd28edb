package org.vitalgate.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The provisioned-device table held in memory: loaded from the {@code devices} table when the store opens,
 * replaced after each committed change (write-through: the store writes SQLite first, then swaps the snapshot).
 * Lookups read an immutable snapshot through a volatile field: no SQLite, no lock, so the advertisement and frame
 * paths never wait for the store writer's fsync.
 *
 * <p>Thread-safe: {@link #find} and {@link #all} from any thread; {@link #put} and {@link #remove} under the
 * store's monitor, after the change committed. The store is the table's only writer in this process; a change
 * made to the file by another process is seen at the next open.
 */
final class DeviceTable {
    private volatile Map<String, DeviceAssignment> byAddress;

    DeviceTable(Collection<DeviceAssignment> loaded) {
        Map<String, DeviceAssignment> m = new TreeMap<>();
        loaded.forEach(d -> m.put(d.address(), d));
        this.byAddress = Map.copyOf(m);
    }

    /** {@code address} must be normalized ({@link DeviceAssignment#normalize}). */
    Optional<DeviceAssignment> find(String address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** All assignments, by address. */
    List<DeviceAssignment> all() {
        return List.copyOf(new TreeMap<>(byAddress).values());
    }

    void put(DeviceAssignment d) {
        Map<String, DeviceAssignment> m = new TreeMap<>(byAddress);
        m.put(d.address(), d);
        byAddress = Map.copyOf(m);
    }

    void remove(String address) {
        Map<String, DeviceAssignment> m = new TreeMap<>(byAddress);
        m.remove(address);
        byAddress = Map.copyOf(m);
    }
}
