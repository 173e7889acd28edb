package org.vitalgate.transport.sim.bluez;

import java.util.List;
import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * org.bluez.Adapter1 at /org/bluez/hci0. Discovery sessions belong to D-Bus clients, as in BlueZ 5.66
 * {@code src/adapter.c}: {@code Discovering} is true while any client has one; a start the kernel refuses is
 * answered {@code InProgress} and the client's session is dropped; when the last session ends, temporary devices
 * are removed. Thread-safe.
 */
final class FakeAdapter extends FakeObject implements Adapter1 {
    private final java.util.Set<String> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean failNextStart;
    private volatile List<String> filterUuids = List.of();
    final List<Map<String, Variant<?>>> filters = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeAdapter(FakeBluez bluez, String path) {
        super(bluez, path, "org.bluez.Adapter1");
        init("Address", new Variant<>("00:1A:7D:DA:71:13"));
        init("Name", new Variant<>("vitalgate-hub"));
        init("Alias", new Variant<>("vitalgate-hub"));
        init("Powered", new Variant<>(true));
        init("Discovering", new Variant<>(false));
        init("Discoverable", new Variant<>(false));
        init("UUIDs", new Variant<>(new String[0], "as"));
    }

    boolean powered() {
        return Boolean.TRUE.equals(value("Powered"));
    }

    boolean discovering() {
        return Boolean.TRUE.equals(value("Discovering"));
    }

    List<String> filterUuids() {
        return filterUuids;
    }

    @Override
    boolean writable(String name) {
        return name.equals("Powered") || name.equals("Alias") || name.equals("Discoverable");
    }

    @Override
    void onSet(String name, Object value) {
        if (name.equals("Powered")) {
            bluez.setPowered(Boolean.TRUE.equals(value));
        } else {
            super.onSet(name, value);
        }
    }

    private static String caller() {
        var info = org.freedesktop.dbus.connections.base.AbstractConnectionBase.getCallInfo();
        return info == null ? "" : info.getSource();
    }

    /** The kernel will refuse the next scan start (controller busy, firmware hiccup). */
    void failNextStart() {
        failNextStart = true;
    }

    /** Scanning ended without the clients asking (e.g. the controller failed): every session is dropped. */
    void endAllSessions() {
        sessions.clear();
        update("Discovering", new Variant<>(false));
        bluez.discoveryStopped();
    }

    /** A client left the bus: its session ends. */
    void dropSession(String client) {
        if (sessions.remove(client) && sessions.isEmpty()) {
            update("Discovering", new Variant<>(false));
            bluez.discoveryStopped();
        }
    }

    @Override
    public void StartDiscovery() {
        if (!powered()) {
            throw FakeBluez.error("org.bluez.Error.NotReady", "Resource Not Ready");
        }
        String client = caller();
        if (sessions.contains(client)) {
            throw FakeBluez.error("org.bluez.Error.InProgress", "Operation already in progress");
        }
        if (failNextStart) {
            failNextStart = false;
            // start_discovery_complete with an error status: the reply is InProgress, the session is freed
            throw FakeBluez.error("org.bluez.Error.InProgress", "Operation already in progress");
        }
        sessions.add(client);
        update("Discovering", new Variant<>(true));
        bluez.advertiseNow();
    }

    @Override
    public void StopDiscovery() {
        if (!powered()) {
            throw FakeBluez.error("org.bluez.Error.NotReady", "Resource Not Ready");
        }
        if (!sessions.remove(caller())) {
            throw FakeBluez.error("org.bluez.Error.Failed", "No discovery started");
        }
        if (sessions.isEmpty()) {
            update("Discovering", new Variant<>(false));
            bluez.discoveryStopped();
        }
    }

    void poweredOff() {
        sessions.clear();
    }

    @Override
    public void RemoveDevice(DBusPath device) {
        if (!bluez.removeDevice(device.getPath())) {
            throw FakeBluez.error("org.bluez.Error.DoesNotExist", "Does Not Exist");
        }
    }

    @Override
    public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
        filters.add(Map.copyOf(filter));
        Variant<?> uuids = filter.get("UUIDs");
        if (uuids == null) {
            filterUuids = List.of();
            return;
        }
        Object v = uuids.getValue();
        List<String> list = v instanceof String[] arr ? List.of(arr)
                : v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        filterUuids = list.stream().map(org.vitalgate.transport.ble.GattUuid::normalize).toList();
    }

    @Override
    public String[] GetDiscoveryFilters() {
        return new String[] {"UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData", "Discoverable", "Pattern"};
    }

    @Override
    public DBusPath ConnectDevice(Map<String, Variant<?>> properties) {
        throw notImplemented();
    }
}
