package org.vitalgate.transport.sim.bluez;

import java.util.List;
import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** org.bluez.Adapter1 at /org/bluez/hci0. Thread-safe. */
final class FakeAdapter extends FakeObject implements Adapter1 {
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

    @Override
    public void StartDiscovery() {
        if (!powered()) {
            throw FakeBluez.error("org.bluez.Error.NotReady", "Resource Not Ready");
        }
        update("Discovering", new Variant<>(true));
        bluez.advertiseNow();
    }

    @Override
    public void StopDiscovery() {
        if (!powered()) {
            throw FakeBluez.error("org.bluez.Error.NotReady", "Resource Not Ready");
        }
        if (!discovering()) {
            throw FakeBluez.error("org.bluez.Error.Failed", "No discovery started");
        }
        update("Discovering", new Variant<>(false));
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
