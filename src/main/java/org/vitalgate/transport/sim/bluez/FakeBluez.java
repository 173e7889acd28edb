package org.vitalgate.transport.sim.bluez;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake {@code bluetoothd} on a (private) bus: owns {@code org.bluez} and exports BlueZ's documented D-Bus API
 * (ObjectManager at {@code /}, AgentManager1 at {@code /org/bluez}, Adapter1 at {@code /org/bluez/hci0},
 * Device1, GattService1, GattCharacteristic1) for a set of {@link SimDevice}s. It can be stopped and restarted
 * (a new unique name takes {@code org.bluez}), lose its adapter and power-cycle it. Thread-safe.
 */
public final class FakeBluez implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeBluez.class);
    static final String ADAPTER_PATH = "/org/bluez/hci0";

    private final String busAddress;
    private final ScheduledExecutorService deviceThread =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fake-bluez-device"));
    private final Map<String, SimDevice> sims = new ConcurrentHashMap<>();
    private final Map<String, FakeDevice> devices = new ConcurrentHashMap<>();
    private final Map<String, FakeObject> exported = new ConcurrentHashMap<>();
    final FakeAgentManager agentManager = new FakeAgentManager();
    /** Agent interactions, for assertions. */
    public final List<String> agentCalls = new CopyOnWriteArrayList<>();
    private volatile DBusConnection conn;
    private volatile FakeAdapter adapter;
    private volatile boolean adapterPresent = true;
    private final FakeRoot root = new FakeRoot();
    private volatile long leConnectTimeoutMillis = 2000;
    private volatile long temporaryTimeoutMillis = 30_000;
    private AutoCloseable clientWatch;

    private FakeBluez(String busAddress) {
        this.busAddress = busAddress;
        deviceThread.scheduleWithFixedDelay(this::advertiseTick, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Connects to {@code busAddress} and takes {@code org.bluez}. */
    public static FakeBluez start(String busAddress) throws DBusException {
        FakeBluez f = new FakeBluez(busAddress);
        try {
            f.startDaemon();
        } catch (DBusException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A D-Bus error reply with BlueZ's error name: {@code error("org.bluez.Error.Failed", …)} throws
     * {@code org.bluez.Error.Failed}, because dbus-java names error replies after the exception class.
     */
    public static DBusExecutionException error(String name, String message) {
        String cls = name.startsWith("org.bluez.Error.")
                ? "org.bluez.Error$" + name.substring("org.bluez.Error.".length())
                : name.replace("org.freedesktop.DBus.Error.", "org.freedesktop.dbus.errors.");
        try {
            return (DBusExecutionException) Class.forName(cls).getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no exception class for " + name, e);
        }
    }

    // ------------------------------------------------------------------ daemon lifecycle

    /** (Re)starts bluetoothd: new connection, objects for the adapter and paired devices, then the name. */
    public synchronized void startDaemon() throws DBusException {
        if (conn != null) {
            return;
        }
        conn = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        conn.exportObject("/", root);
        conn.exportObject("/org/bluez", agentManager);
        if (adapterPresent) {
            exportAdapter(false);
        }
        conn.requestBusName("org.bluez");
        DBusConnection c = conn;
        clientWatch = c.addSigHandler(org.freedesktop.dbus.interfaces.DBus.NameOwnerChanged.class, s -> {
            if (s.name.startsWith(":") && (s.newOwner == null || s.newOwner.isEmpty())) {
                onDeviceThread(() -> clientLeft(s.name));
            }
        });
        LOG.info("fake bluetoothd up as {}", conn.getUniqueName());
    }

    /** Stops bluetoothd as a crash/restart would: links drop, agents are forgotten, the name is released. */
    public synchronized void stopDaemon() {
        DBusConnection c = conn;
        if (c == null) {
            return;
        }
        for (FakeDevice d : devices.values()) {
            d.init("Connected", new Variant<>(false));
            d.init("ServicesResolved", new Variant<>(false));
            d.characteristics.values().forEach(FakeCharacteristic::reset);
            d.markGattExported(false); // no GATT objects after a restart until the first connection
        }
        devices.values().removeIf(d -> !d.paired());
        exported.clear();
        if (clientWatch != null) {
            try {
                clientWatch.close();
            } catch (Exception e) {
                LOG.debug("client watch", e);
            }
            clientWatch = null;
        }
        agentManager.clear();
        adapter = null;
        try {
            c.releaseBusName("org.bluez");
        } catch (DBusException e) {
            LOG.debug("release name failed", e);
        }
        c.disconnect();
        conn = null;
        LOG.info("fake bluetoothd stopped");
    }

    public synchronized void restartDaemon() throws DBusException {
        stopDaemon();
        startDaemon();
    }

    @Override
    public void close() {
        stopDaemon();
        deviceThread.shutdownNow();
    }

    DBusConnection connection() {
        DBusConnection c = conn;
        if (c == null) {
            throw new IllegalStateException("fake bluetoothd is stopped");
        }
        return c;
    }

    void emit(DBusSignal signal) {
        DBusConnection c = conn;
        if (c != null) {
            c.sendMessage(signal);
        }
    }

    // ------------------------------------------------------------------ adapter

    private void exportAdapter(boolean announce) throws DBusException {
        FakeAdapter a = new FakeAdapter(this, ADAPTER_PATH);
        adapter = a;
        export(a, announce);
        for (FakeDevice d : devices.values()) {
            // bluetoothd reloads known (paired) devices from storage; their GATT objects appear only once the
            // device is connected again (BlueZ 5.66 src/device.c: the attribute database is loaded on connection)
            export(d, announce);
        }
    }

    /** The adapter disappears (USB dongle unplugged): every object under it is removed. */
    public synchronized void removeAdapter() throws DBusException {
        adapterPresent = false;
        for (FakeDevice d : devices.values()) {
            d.init("Connected", new Variant<>(false));
            d.init("ServicesResolved", new Variant<>(false));
            d.characteristics.values().forEach(FakeCharacteristic::reset);
            d.markGattExported(false);
            unexportDevice(d);
        }
        devices.values().removeIf(d -> !d.paired());
        FakeAdapter a = adapter;
        adapter = null;
        if (a != null) {
            unexport(a);
        }
    }

    /** The adapter comes back (USB dongle plugged in again). */
    public synchronized void addAdapter() throws DBusException {
        adapterPresent = true;
        if (conn != null && adapter == null) {
            exportAdapter(true);
        }
    }

    /** Power off: links drop, discovery stops. */
    public void powerOff() {
        setPowered(false);
    }

    public void powerOn() {
        setPowered(true);
    }

    synchronized void setPowered(boolean on) {
        FakeAdapter a = adapter;
        if (a == null) {
            return;
        }
        if (!on) {
            devices.values().forEach(FakeDevice::linkLost);
            a.poweredOff();
            a.update("Discovering", new Variant<>(false));
        }
        a.update("Powered", new Variant<>(on));
    }

    void requirePowered() {
        FakeAdapter a = adapter;
        if (a == null || !a.powered()) {
            throw error("org.bluez.Error.NotReady", "Resource Not Ready");
        }
    }

    /** How long an LE Connect() to a device that does not answer takes to fail (the kernel's timeout). */
    public void setLeConnectTimeoutMillis(long millis) {
        this.leConnectTimeoutMillis = millis;
    }

    long leConnectTimeoutMillis() {
        return leConnectTimeoutMillis;
    }

    /** After how long without an advertisement a temporary device is removed (main.conf TemporaryTimeout). */
    public void setTemporaryTimeoutMillis(long millis) {
        this.temporaryTimeoutMillis = millis;
    }

    /** The kernel refuses the next scan start: StartDiscovery answers InProgress and drops the session. */
    public void failNextDiscoveryStart() {
        FakeAdapter a = adapter;
        if (a != null) {
            a.failNextStart();
        }
    }

    /** Scanning stops by itself (controller failure): every client's discovery session is dropped. */
    public void endDiscovery() {
        FakeAdapter a = adapter;
        if (a != null) {
            a.endAllSessions();
        }
    }

    /** Whether BlueZ currently has a Device1 object for {@code address}. */
    public boolean hasDeviceObject(String address) {
        FakeDevice d = devices.get(address);
        return d != null && exported.containsKey(d.path);
    }

    /** Discovery ended: temporary devices go (BlueZ 5.66 src/adapter.c, discovery_cleanup). */
    synchronized void discoveryStopped() {
        for (FakeDevice d : List.copyOf(devices.values())) {
            if (d.temporary()) {
                unexportDevice(d);
                devices.remove(d.spec.address);
            }
        }
    }

    private void clientLeft(String client) {
        FakeAdapter a = adapter;
        if (a != null) {
            a.dropSession(client);
        }
        for (FakeDevice d : devices.values()) {
            d.characteristics.values().forEach(c -> c.dropSessions(client));
        }
    }

    /** Discovery filters the client set, newest last. */
    public List<Map<String, Variant<?>>> discoveryFilters() {
        FakeAdapter a = adapter;
        return a == null ? List.of() : List.copyOf(a.filters);
    }

    public boolean isDiscovering() {
        FakeAdapter a = adapter;
        return a != null && a.discovering();
    }

    // ------------------------------------------------------------------ devices

    /** Puts a device in radio range; it advertises whenever the adapter is discovering. */
    public void addDevice(SimDevice sim) {
        sims.put(sim.address, sim);
    }

    /** The fake's Device1 view of a device (after it was discovered), for assertions. */
    public DeviceSide device(String address) {
        FakeDevice d = devices.get(address);
        if (d == null) {
            throw new IllegalStateException(address + " not discovered");
        }
        return d;
    }

    public boolean isConnected(String address) {
        FakeDevice d = devices.get(address);
        return d != null && d.connected();
    }

    /** {@code n} advertisements of a discovered device in a burst, RSSI -40, -41, … (a crowded neighbourhood). */
    public void advertiseBurst(String address, int n) {
        FakeDevice d = devices.get(address);
        if (d == null) {
            throw new IllegalStateException(address + " not discovered");
        }
        for (int i = 0; i < n; i++) {
            d.spec.setRssi(-40 - i % 50);
            d.advertised();
        }
    }

    /** Whether a Connect() to {@code address} is in progress. */
    public boolean isConnecting(String address) {
        FakeDevice d = devices.get(address);
        return d != null && d.connecting();
    }

    public boolean isPaired(String address) {
        FakeDevice d = devices.get(address);
        return d != null && d.paired();
    }

    public boolean isTrusted(String address) {
        FakeDevice d = devices.get(address);
        return d != null && Boolean.TRUE.equals(d.value("Trusted"));
    }

    /** Characteristic UUIDs whose notifications were dropped because nobody subscribed. */
    public List<String> droppedNotifications(String address) {
        FakeDevice d = devices.get(address);
        return d == null ? List.of() : List.copyOf(d.dropped);
    }

    void advertiseNow() {
        deviceThread.execute(this::advertiseTick);
    }

    private void advertiseTick() {
        try {
            synchronized (this) {
                FakeAdapter a = adapter;
                if (conn == null || a == null || !a.powered() || !a.discovering()) {
                    return;
                }
                List<String> filter = a.filterUuids();
                long now = System.nanoTime();
                for (FakeDevice d : List.copyOf(devices.values())) {
                    if (d.temporary() && now - d.lastAdvertisedNanos() > temporaryTimeoutMillis * 1_000_000) {
                        unexportDevice(d); // not heard for TemporaryTimeout: gone
                        devices.remove(d.spec.address);
                    }
                }
                for (SimDevice sim : sims.values()) {
                    if (!sim.inRange || (!filter.isEmpty()
                            && sim.advertisedUuids.stream().noneMatch(filter::contains))) {
                        continue;
                    }
                    FakeDevice d = devices.get(sim.address);
                    if (d == null || !exported.containsKey(d.path)) {
                        d = d != null ? d : new FakeDevice(this, ADAPTER_PATH, sim);
                        devices.put(sim.address, d);
                        d.init("RSSI", new Variant<>(sim.rssi));
                        export(d, true);
                    } else if (!d.connected()) {
                        d.advertised();
                    }
                }
            }
        } catch (DBusException | RuntimeException e) {
            LOG.warn("advertising tick failed", e);
        }
    }

    synchronized boolean removeDevice(String path) {
        for (FakeDevice d : devices.values()) {
            if (d.path.equals(path)) {
                d.linkLost();
                unexportDevice(d);
                devices.remove(d.spec.address);
                return true;
            }
        }
        return false;
    }

    synchronized void exportGatt(FakeDevice d) {
        if (d.gattExported()) {
            return;
        }
        try {
            exportGattObjects(d, true);
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
        d.markGattExported(true);
    }

    private void exportGattObjects(FakeDevice d, boolean announce) throws DBusException {
        for (FakeGattService s : d.services) {
            export(s, announce);
        }
        for (FakeCharacteristic c : d.characteristics.values()) {
            export(c, announce);
        }
    }

    private void unexportDevice(FakeDevice d) {
        for (FakeCharacteristic c : d.characteristics.values()) {
            unexport(c);
        }
        for (FakeGattService s : d.services) {
            unexport(s);
        }
        if (!d.paired()) {
            d.markGattExported(false);
        }
        unexport(d);
    }

    private void export(FakeObject o, boolean announce) throws DBusException {
        connection().exportObject(o.path, o);
        exported.put(o.path, o);
        if (announce) {
            emit(new ObjectManager.InterfacesAdded("/", new DBusPath(o.path), Map.of(o.iface, o.snapshot())));
        }
    }

    private void unexport(FakeObject o) {
        if (exported.remove(o.path) == null) {
            return;
        }
        DBusConnection c = conn;
        if (c != null) {
            c.unExportObject(o.path);
            try {
                emit(new ObjectManager.InterfacesRemoved("/", new DBusPath(o.path), List.of(o.iface)));
            } catch (DBusException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------ device thread

    void onDeviceThread(Runnable action) {
        onDeviceThread(0, action);
    }

    void onDeviceThread(long delayMillis, Runnable action) {
        deviceThread.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("simulated device action failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** ObjectManager at {@code /}. */
    private final class FakeRoot implements ObjectManager {
        @Override
        public String getObjectPath() {
            return "/";
        }

        @Override
        public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> out = new LinkedHashMap<>();
            for (FakeObject o : new ArrayList<>(exported.values())) {
                out.put(new DBusPath(o.path), Map.of(o.iface, o.snapshot()));
            }
            return out;
        }
    }
}
