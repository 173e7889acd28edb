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
    private volatile boolean pairing;
    private volatile boolean connecting;
    private volatile boolean pairCancelled;
    private volatile boolean temporary = true;
    private volatile long lastAdvertised = System.nanoTime();

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
        lastAdvertised = System.nanoTime();
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

    /** Not yet connected or paired: BlueZ drops such a device when it stops advertising or discovery stops. */
    boolean temporary() {
        return temporary && !paired() && !connected();
    }

    long lastAdvertisedNanos() {
        return lastAdvertised;
    }

    /**
     * As BlueZ 5.66 {@code src/device.c} {@code dev_connect}: the device stops being temporary; an LE connection
     * to a device that does not answer fails after the kernel's connection timeout with
     * {@code le-connection-abort-by-local}, and a Disconnect() meanwhile cancels it ({@code br-connection-canceled}).
     * {@code Connect()} returns once the link is up; the GATT objects appear and {@code ServicesResolved} turns
     * true afterwards. Notification sessions still open are re-enabled as the link comes up.
     */
    @Override
    public void Connect() {
        bluez.requirePowered();
        connectCancelled = false;
        temporary = false;
        connecting = true;
        try {
            connectNow();
        } finally {
            connecting = false;
        }
    }

    boolean connecting() {
        return connecting;
    }

    private void connectNow() {
        if (!spec.inRange) {
            waitCancellable(bluez.leConnectTimeoutMillis());
            throw FakeBluez.error("org.bluez.Error.Failed",
                    connectCancelled ? "br-connection-canceled" : "le-connection-abort-by-local");
        }
        waitCancellable(spec.connectDelayMillis);
        if (connectCancelled) {
            throw FakeBluez.error("org.bluez.Error.Failed", "br-connection-canceled");
        }
        if (connected()) {
            return;
        }
        if (paired() && spec.bondLost) {
            // the hub encrypts with its stored key, the device has none: the device asks to pair again, and
            // bluetoothd refuses a Just Works re-pairing of a paired device (JustWorksRepairing = never)
            bluez.agentCalls.add("re-pairing refused for " + spec.address);
            throw FakeBluez.error("org.bluez.Error.Failed", "le-connection-key-missing");
        }
        update("Connected", new Variant<>(true));
        bluez.onDeviceThread(() -> spec.behaviour.onConnected(this));
        for (FakeCharacteristic c : characteristics.values()) {
            if (gattExported && c.hasSessions()) {
                bluez.onDeviceThread(() -> spec.behaviour.onNotifyStarted(this, c.uuid)); // CCCD written again
            }
        }
        bluez.onDeviceThread(2, this::resolveServices);
    }

    private void resolveServices() {
        if (!connected()) {
            return;
        }
        bluez.exportGatt(this);
        update("ServicesResolved", new Variant<>(true));
        if (spec.dropLinkAfterResolve) {
            spec.dropLinkAfterResolve = false;
            linkLost();
        }
    }

    private void waitCancellable(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (millis > 0 && System.nanoTime() < until && !connectCancelled) {
            sleep(10); // a Disconnect() from the client cancels the attempt, as in bluetoothd
        }
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

    /** The link went down (either side, or the adapter lost power). Notification sessions stay (GATT cache). */
    void linkLost() {
        if (!connected()) {
            return;
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

    /**
     * As BlueZ 5.66 {@code src/device.c} {@code pair_device} and {@code src/agent.c}: a paired device answers
     * {@code AlreadyExists}; Just Works pairing started by {@code Pair()} is accepted without asking the agent;
     * whatever error the agent returns, the pairing fails as {@code AuthenticationFailed} (the kernel reports the
     * SMP failure, not the agent's reason).
     */
    @Override
    public void Pair() {
        bluez.requirePowered();
        if (paired()) {
            throw FakeBluez.error("org.bluez.Error.AlreadyExists", "Already Exists");
        }
        if (!spec.inRange) {
            throw FakeBluez.error("org.bluez.Error.ConnectionAttemptFailed", "Page Timeout");
        }
        temporary = false;
        String caller = AbstractConnectionBase.getCallInfo().getSource();
        FakeAgentManager.Registration agent = bluez.agentManager.agentFor(caller);
        DBusPath me = new DBusPath(path);
        pairCancelled = false;
        pairing = true;
        try {
            switch (spec.pairing) {
                case NONE, JUST_WORKS -> { }
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
            long until = System.nanoTime() + spec.pairDelayMillis * 1_000_000;
            while (System.nanoTime() < until && !pairCancelled) {
                sleep(10);
            }
            if (pairCancelled) {
                throw FakeBluez.error("org.bluez.Error.AuthenticationCanceled", "Authentication Canceled");
            }
        } catch (DBusExecutionException e) {
            String type = e.getType() == null ? "" : e.getType().replace('$', '.');
            if (!type.startsWith("org.bluez.Error.Authentication")) {
                bluez.agentCalls.add("agent error " + type);
            }
            throw type.equals("org.bluez.Error.AuthenticationCanceled") ? e
                    : FakeBluez.error("org.bluez.Error.AuthenticationFailed", "Authentication Failed");
        } catch (DBusException e) {
            throw FakeBluez.error("org.bluez.Error.AuthenticationFailed", "Authentication Failed");
        } finally {
            pairing = false;
        }
        spec.bondLost = false;
        update("Paired", new Variant<>(true));
        update("Bonded", new Variant<>(true));
        if (spec.pairReplyDelayMillis > 0) {
            sleep(spec.pairReplyDelayMillis);
        }
    }

    private Agent1 agent(FakeAgentManager.Registration reg) throws DBusException {
        if (reg == null) {
            throw FakeBluez.error("org.bluez.Error.AuthenticationFailed", "no agent registered");
        }
        bluez.agentCalls.add("agent " + reg.path() + " for " + spec.address + " (" + spec.pairing + ")");
        return bluez.connection().getRemoteObject(reg.busName(), reg.path(), Agent1.class);
    }

    /**
     * With a pairing in progress it is cancelled. With none, BlueZ 5.66 removes the device's bond
     * ({@code cancel_pairing} → {@code device_cancel_bonding} → {@code btd_adapter_remove_bonding}): a bond
     * completed just before the call is lost.
     */
    @Override
    public void CancelPairing() {
        if (pairing) {
            pairCancelled = true;
            return;
        }
        if (paired()) {
            bluez.agentCalls.add("bond removed by CancelPairing " + spec.address);
            update("Paired", new Variant<>(false));
            update("Bonded", new Variant<>(false));
            return;
        }
        throw FakeBluez.error("org.bluez.Error.DoesNotExist", "Does Not Exist");
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
