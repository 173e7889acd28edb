package org.vitalgate.transport.sim.bluez;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bluez.Agent1;
import org.bluez.Device1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.vitalgate.transport.ble.GattUuid;

/** org.bluez.Device1 for one {@link SimDevice}, plus its GATT objects. Thread-safe. */
final class FakeDevice extends FakeObject implements Device1, DeviceSide {
    final SimDevice spec;
    final List<FakeGattService> services = new ArrayList<>();
    final Map<String, FakeCharacteristic> characteristics = new LinkedHashMap<>();
    private final Map<String, List<byte[]>> writes = new ConcurrentHashMap<>();
    final List<String> dropped = new CopyOnWriteArrayList<>();
    private volatile boolean gattExported;
    private volatile boolean connectCancelled;

    FakeDevice(FakeBluez bluez, String adapterPath, SimDevice spec) {
        super(bluez, adapterPath + "/dev_" + spec.address.replace(':', '_'), "org.bluez.Device1");
        this.spec = spec;
        init("Address", new Variant<>(spec.address));
        init("AddressType", new Variant<>("public"));
        if (spec.name != null) {
            init("Name", new Variant<>(spec.name));
        }
        init("Alias", new Variant<>(spec.name != null ? spec.name : spec.address.replace(':', '-')));
        init("UUIDs", new Variant<>(spec.advertisedUuids.toArray(String[]::new), "as"));
        if (!spec.manufacturerData.isEmpty()) {
            init("ManufacturerData", manufacturerVariant());
        }
        init("Paired", new Variant<>(false));
        init("Bonded", new Variant<>(false));
        init("Trusted", new Variant<>(false));
        init("Blocked", new Variant<>(false));
        init("LegacyPairing", new Variant<>(false));
        init("Connected", new Variant<>(false));
        init("ServicesResolved", new Variant<>(false));
        init("Adapter", new Variant<>(new DBusPath(adapterPath)));
        int handle = 0x0a;
        for (SimDevice.Service s : spec.services) {
            String sp = String.format("%s/service%04x", path, handle++);
            services.add(new FakeGattService(bluez, sp, path, s.uuid()));
            for (SimDevice.Characteristic c : s.characteristics()) {
                String cp = String.format("%s/char%04x", sp, handle);
                handle += 2;
                characteristics.put(c.uuid(), new FakeCharacteristic(bluez, this, cp, sp, c));
            }
        }
    }

    private Variant<?> manufacturerVariant() {
        Map<UInt16, Variant<?>> m = new HashMap<>();
        spec.manufacturerData.forEach((k, v) -> m.put(new UInt16(k), new Variant<>(v, "ay")));
        return new Variant<>(m, "a{qv}");
    }

    boolean connected() {
        return Boolean.TRUE.equals(value("Connected"));
    }

    boolean paired() {
        return Boolean.TRUE.equals(value("Paired"));
    }

    boolean gattExported() {
        return gattExported;
    }

    void markGattExported(boolean exported) {
        gattExported = exported;
    }

    void requireConnected() {
        if (!connected()) {
            throw FakeBluez.error("org.bluez.Error.NotConnected", "Not Connected");
        }
    }

    @Override
    boolean writable(String name) {
        return name.equals("Trusted") || name.equals("Alias") || name.equals("Blocked");
    }

    /** One advertisement seen while discovering: RSSI (and manufacturer data) change. */
    void advertised() {
        Map<String, Variant<?>> changed = new LinkedHashMap<>();
        Variant<?> rssi = new Variant<>(spec.rssi);
        init("RSSI", rssi);
        changed.put("RSSI", rssi);
        if (!spec.manufacturerData.isEmpty()) {
            Variant<?> md = manufacturerVariant();
            init("ManufacturerData", md);
            changed.put("ManufacturerData", md);
        }
        emitChanged(changed);
    }

    @Override
    public void Connect() {
        bluez.requirePowered();
        connectCancelled = false;
        long delay = spec.connectDelayMillis;
        if (!spec.inRange) {
            sleep(Math.max(delay, 200));
            throw FakeBluez.error("org.bluez.Error.Failed", "le-connection-abort-by-local");
        }
        long until = System.nanoTime() + delay * 1_000_000;
        while (delay > 0 && System.nanoTime() < until && !connectCancelled) {
            sleep(10); // a Disconnect() from the client cancels the attempt, as in bluetoothd
        }
        if (connectCancelled) {
            throw FakeBluez.error("org.bluez.Error.Failed", "Operation was cancelled");
        }
        if (connected()) {
            return;
        }
        update("Connected", new Variant<>(true));
        bluez.exportGatt(this);
        update("ServicesResolved", new Variant<>(true));
        bluez.onDeviceThread(() -> spec.behaviour.onConnected(this));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void Disconnect() {
        connectCancelled = true;
        linkLost();
    }

    /** The link went down (either side, or the adapter lost power). */
    void linkLost() {
        if (!connected()) {
            return;
        }
        for (FakeCharacteristic c : characteristics.values()) {
            if (c.notifying()) {
                c.update("Notifying", new Variant<>(false));
            }
        }
        update("ServicesResolved", new Variant<>(false));
        update("Connected", new Variant<>(false));
        bluez.onDeviceThread(() -> spec.behaviour.onDisconnected(this));
    }

    @Override
    public void ConnectProfile(String uuid) {
        throw notImplemented();
    }

    @Override
    public void DisconnectProfile(String uuid) {
        throw notImplemented();
    }

    @Override
    public void Pair() {
        bluez.requirePowered();
        if (paired()) {
            throw FakeBluez.error("org.bluez.Error.AlreadyExists", "Already Exists");
        }
        if (!spec.inRange) {
            throw FakeBluez.error("org.bluez.Error.ConnectionAttemptFailed", "Page Timeout");
        }
        String caller = AbstractConnectionBase.getCallInfo().getSource();
        FakeAgentManager.Registration agent = bluez.agentManager.agentFor(caller);
        DBusPath me = new DBusPath(path);
        try {
            switch (spec.pairing) {
                case NONE -> { }
                case JUST_WORKS -> agent(agent).RequestAuthorization(me);
                case NUMERIC_COMPARISON -> agent(agent).RequestConfirmation(me, new UInt32(spec.passkey));
                case PASSKEY_ENTRY -> {
                    UInt32 entered = agent(agent).RequestPasskey(me);
                    bluez.agentCalls.add("RequestPasskey " + spec.address + " -> " + entered);
                    if (entered.longValue() != spec.passkey) {
                        throw FakeBluez.error("org.bluez.Error.AuthenticationFailed", "Authentication Failed");
                    }
                }
                default -> throw new IllegalStateException();
            }
        } catch (DBusExecutionException e) {
            String type = e.getType() == null ? "" : e.getType().replace('$', '.');
            bluez.agentCalls.add("agent error " + type);
            if (type.startsWith("org.bluez.Error.Authentication")) {
                throw e;
            }
            if (type.equals("org.bluez.Error.Rejected")) {
                throw FakeBluez.error("org.bluez.Error.AuthenticationRejected", "Authentication Rejected");
            }
            if (type.equals("org.bluez.Error.Canceled")) {
                throw FakeBluez.error("org.bluez.Error.AuthenticationCanceled", "Authentication Canceled");
            }
            throw FakeBluez.error("org.bluez.Error.AuthenticationFailed", "Authentication Failed: " + type);
        } catch (DBusException e) {
            throw FakeBluez.error("org.bluez.Error.AuthenticationFailed", "agent unreachable: " + e.getMessage());
        }
        update("Paired", new Variant<>(true));
        update("Bonded", new Variant<>(true));
    }

    private Agent1 agent(FakeAgentManager.Registration reg) throws DBusException {
        if (reg == null) {
            throw FakeBluez.error("org.bluez.Error.AuthenticationFailed", "no agent registered");
        }
        bluez.agentCalls.add("agent " + reg.path() + " for " + spec.address + " (" + spec.pairing + ")");
        return bluez.connection().getRemoteObject(reg.busName(), reg.path(), Agent1.class);
    }

    @Override
    public void CancelPairing() {
        // nothing in flight in the fake
    }

    // ---- DeviceSide ----

    @Override
    public String address() {
        return spec.address;
    }

    @Override
    public void notify(String uuid, byte[] value) {
        FakeCharacteristic c = characteristics.get(GattUuid.normalize(uuid));
        if (c == null) {
            throw new IllegalArgumentException("no characteristic " + uuid);
        }
        if (!connected() || !c.notifying()) {
            dropped.add(c.uuid);
            return;
        }
        c.send(value);
    }

    @Override
    public boolean isNotifying(String uuid) {
        FakeCharacteristic c = characteristics.get(GattUuid.normalize(uuid));
        return c != null && connected() && c.notifying();
    }

    @Override
    public void disconnect() {
        linkLost();
    }

    @Override
    public List<byte[]> writes(String uuid) {
        return List.copyOf(writes.getOrDefault(GattUuid.normalize(uuid), List.of()));
    }

    @Override
    public void later(long millis, Runnable action) {
        bluez.onDeviceThread(millis, action);
    }

    void onWrite(String uuid, byte[] value) {
        writes.computeIfAbsent(uuid, k -> new CopyOnWriteArrayList<>()).add(value);
        spec.behaviour.onWrite(this, uuid, value);
    }

    /** What a read of {@code uuid} returns now, if the firmware computes it (a clock); else the stored value. */
    java.util.Optional<byte[]> onRead(String uuid) {
        return spec.behaviour.onRead(this, uuid).map(byte[]::clone);
    }

    void onNotifyStarted(String uuid) {
        bluez.onDeviceThread(() -> spec.behaviour.onNotifyStarted(this, uuid));
    }
}
