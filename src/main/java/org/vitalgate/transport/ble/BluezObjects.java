package org.vitalgate.transport.ble;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Our mirror of BlueZ's object tree (path → interface → property → value), kept current from
 * GetManagedObjects, InterfacesAdded/Removed and PropertiesChanged. Written only on the {@code ble-events}
 * thread; read from any thread (each object's state is an immutable snapshot swapped atomically).
 */
final class BluezObjects {
    static final String DEVICE = "org.bluez.Device1";
    static final String ADAPTER = "org.bluez.Adapter1";
    static final String CHARACTERISTIC = "org.bluez.GattCharacteristic1";

    private final Map<String, Map<String, Map<String, Object>>> objects = new ConcurrentHashMap<>();

    void clear() {
        objects.clear();
    }

    void put(String path, String iface, Map<String, ?> props) {
        objects.compute(path, (p, old) -> {
            Map<String, Map<String, Object>> next = old == null ? new HashMap<>() : new HashMap<>(old);
            Map<String, Object> values = new HashMap<>();
            props.forEach((k, v) -> values.put(k, DbusValues.unwrap(v)));
            next.put(iface, Map.copyOf(values));
            return Map.copyOf(next);
        });
    }

    /** Merges changed properties; returns false if the object/interface is unknown to us. */
    boolean update(String path, String iface, Map<String, ?> changed, List<String> invalidated) {
        boolean[] known = {false};
        objects.computeIfPresent(path, (p, old) -> {
            Map<String, Object> props = old.get(iface);
            if (props == null) {
                return old;
            }
            known[0] = true;
            Map<String, Object> values = new HashMap<>(props);
            changed.forEach((k, v) -> values.put(k, DbusValues.unwrap(v)));
            invalidated.forEach(values::remove);
            Map<String, Map<String, Object>> next = new HashMap<>(old);
            next.put(iface, Map.copyOf(values));
            return Map.copyOf(next);
        });
        return known[0];
    }

    void remove(String path, List<String> interfaces) {
        objects.computeIfPresent(path, (p, old) -> {
            Map<String, Map<String, Object>> next = new HashMap<>(old);
            interfaces.forEach(next::remove);
            return next.isEmpty() ? null : Map.copyOf(next);
        });
    }

    Optional<Map<String, Object>> props(String path, String iface) {
        Map<String, Map<String, Object>> o = objects.get(path);
        return Optional.ofNullable(o == null ? null : o.get(iface));
    }

    boolean has(String path, String iface) {
        return props(path, iface).isPresent();
    }

    Optional<Object> prop(String path, String iface, String name) {
        return props(path, iface).map(p -> p.get(name));
    }

    /** Device object path for an address under {@code adapterPath}. */
    Optional<String> devicePath(String adapterPath, String address) {
        String prefix = adapterPath + "/dev_";
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().containsKey(DEVICE))
                .filter(e -> address.equalsIgnoreCase(
                        DbusValues.string(e.getValue().get(DEVICE).get("Address")).orElse("")))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    Optional<String> address(String devicePath) {
        return prop(devicePath, DEVICE, "Address").flatMap(DbusValues::string);
    }

    /** Characteristic UUID → object path for every characteristic below {@code devicePath}. */
    Map<String, String> characteristics(String devicePath) {
        String prefix = devicePath + "/";
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().containsKey(CHARACTERISTIC))
                .filter(e -> DbusValues.string(e.getValue().get(CHARACTERISTIC).get("UUID")).isPresent())
                .collect(Collectors.toMap(
                        e -> GattUuid.normalize(DbusValues.string(e.getValue().get(CHARACTERISTIC).get("UUID"))
                                .orElseThrow()),
                        Map.Entry::getKey,
                        (a, b) -> a.compareTo(b) <= 0 ? a : b));
    }
}
