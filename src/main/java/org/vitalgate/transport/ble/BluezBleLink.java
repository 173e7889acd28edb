package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bluez.Adapter1;
import org.bluez.AgentManager1;
import org.bluez.Device1;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.CallbackHandler;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.FrameSink;
import org.vitalgate.transport.RawFrame;

/**
 * BLE through BlueZ's D-Bus API (plain dbus-java with bluez-dbus's {@code org.bluez.*} interface types; bluez-dbus's
 * {@code DeviceManager} is not used because it swallows Pair/Connect errors, hard-codes the system bus objects and
 * feeds every object's property changes to every handler).
 *
 * <p>Discovery with an LE/service-UUID filter reports {@link Advertisement}s; {@link #connect} makes one connection
 * attempt at a time per adapter under an explicit deadline and waits for ServicesResolved; subscribed
 * characteristics' {@code PropertiesChanged(Value)} signals become {@link RawFrame}s, stamped when the signal
 * arrived. The link follows bluetoothd restarts ({@code NameOwnerChanged} for {@code org.bluez}), adapter
 * removal/re-addition ({@code InterfacesRemoved/Added}) and power cycles ({@code Powered}), re-registering the
 * pairing agent and restarting discovery; connections lost that way are reported to the {@link BleLinkListener}.
 *
 * <p>Threads: dbus-java's single signal thread stamps and enqueues; one {@code ble-events} thread owns the object
 * mirror and calls the sink and listeners (which must only enqueue). Public methods are thread-safe and block on
 * D-Bus; never call them from a listener.
 */
public final class BluezBleLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BluezBleLink.class);
    private static final String BLUEZ = "org.bluez";

    private final BleLinkConfig config;
    private final Clock clock;
    private final FrameSink sink;
    private final AdvertisementListener advertisements;
    private final BleLinkListener listener;
    private final ProvisioningWindow window;
    private final DBusConnection conn;
    private final ExecutorService events;
    private final BluezObjects objects = new BluezObjects();
    private final Semaphore connectPermit = new Semaphore(1, true);
    private final Map<String, Route> notifyRoutes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> resolvedWaiters = new ConcurrentHashMap<>();
    private final Map<String, BleConnection> connections = new ConcurrentHashMap<>();
    private final List<AutoCloseable> signalHandlers = new ArrayList<>();
    private volatile String bluezOwner;
    private volatile Set<String> discoveryUuids;
    private volatile boolean closed;

    private record Route(String address, String uuid) {
    }

    private BluezBleLink(Builder b) throws BleLinkException {
        this.config = b.config;
        this.clock = b.clock;
        this.sink = b.sink;
        this.advertisements = b.advertisements;
        this.listener = b.listener;
        this.window = b.window;
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ble-events");
            t.setDaemon(true);
            return t;
        });
        try {
            DBusConnectionBuilder cb = config.busAddress().isPresent()
                    ? DBusConnectionBuilder.forAddress(config.busAddress().get())
                    : DBusConnectionBuilder.forSystemBus();
            // one signal thread keeps signals in bus order (Value notifications, then Connected=false)
            this.conn = cb.withShared(false).receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                    .build();
        } catch (DBusException | RuntimeException e) {
            events.shutdownNow();
            throw new BleLinkException("cannot connect to D-Bus " + config.busAddress().orElse("(system bus)"),
                    null, e);
        }
        try {
            conn.exportObject(config.agentPath(),
                    new PairingAgent(config.agentPath(), window, b.passkeys, this::addressOfPath));
            signalHandlers.add(conn.addSigHandler(DBus.NameOwnerChanged.class, s -> enqueue(s, this::onOwner)));
            signalHandlers.add(conn.addSigHandler(ObjectManager.InterfacesAdded.class,
                    s -> enqueue(s, this::onAdded)));
            signalHandlers.add(conn.addSigHandler(ObjectManager.InterfacesRemoved.class,
                    s -> enqueue(s, this::onRemoved)));
            signalHandlers.add(conn.addSigHandler(Properties.PropertiesChanged.class,
                    s -> enqueue(s, this::onChanged)));
            events.submit(this::initialise).get(30, TimeUnit.SECONDS);
        } catch (DBusException | ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw new BleLinkException("cannot initialise BlueZ link", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new BleLinkException("interrupted while initialising", null, e);
        }
    }

    public static Builder builder(BleLinkConfig config) {
        return new Builder(config);
    }

    // ------------------------------------------------------------------ signals → ble-events

    private interface SignalTask<S> {
        void run(S signal, Instant at) throws DBusException;
    }

    /** Runs on dbus-java's signal thread: stamp, enqueue, return. Never lets an exception escape. */
    private <S extends DBusSignal> void enqueue(S signal, SignalTask<S> task) {
        Instant at = clock.instant();
        try {
            events.execute(() -> {
                try {
                    task.run(signal, at);
                } catch (Exception e) {
                    LOG.warn("BlueZ signal {} failed: {}", signal.getName(), e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // link closing
        } catch (RuntimeException e) {
            LOG.warn("cannot enqueue BlueZ signal", e);
        }
    }

    private boolean fromBluez(DBusSignal s) {
        String owner = bluezOwner;
        return owner != null && owner.equals(s.getSource());
    }

    private void onOwner(DBus.NameOwnerChanged s, Instant at) {
        if (!BLUEZ.equals(s.name)) {
            return;
        }
        if (s.oldOwner != null && !s.oldOwner.isEmpty()) {
            bluezDown();
        }
        if (s.newOwner != null && !s.newOwner.isEmpty()) {
            initialise();
        }
    }

    private void onAdded(ObjectManager.InterfacesAdded s, Instant at) {
        if (!fromBluez(s)) {
            return;
        }
        String path = s.getSignalSource().getPath();
        s.getInterfaces().forEach((iface, props) -> objects.put(path, iface, props));
        if (path.equals(config.adapterPath()) && s.getInterfaces().containsKey(BluezObjects.ADAPTER)) {
            LOG.info("adapter {} appeared", config.adapter());
            setupAdapter();
        } else if (s.getInterfaces().containsKey(BluezObjects.DEVICE)
                && s.getInterfaces().get(BluezObjects.DEVICE).containsKey("RSSI")) {
            advertisement(path, at);
        }
    }

    private void onRemoved(ObjectManager.InterfacesRemoved s, Instant at) {
        if (!fromBluez(s)) {
            return;
        }
        String path = s.getSignalSource().getPath();
        Optional<String> address = objects.address(path);
        objects.remove(path, s.getInterfaces());
        notifyRoutes.remove(path);
        if (path.equals(config.adapterPath()) && s.getInterfaces().contains(BluezObjects.ADAPTER)) {
            LOG.warn("adapter {} removed", config.adapter());
            connections.keySet().forEach(this::connectionLost);
            listener.onAdapterReady(false);
        } else if (s.getInterfaces().contains(BluezObjects.DEVICE)) {
            address.ifPresent(this::connectionLost);
        }
    }

    private void onChanged(Properties.PropertiesChanged s, Instant at) {
        if (!fromBluez(s)) {
            return;
        }
        String path = s.getPath();
        String iface = s.getInterfaceName();
        Map<String, Variant<?>> changed = s.getPropertiesChanged();
        if (BluezObjects.CHARACTERISTIC.equals(iface) && changed.containsKey("Value")) {
            Route route = notifyRoutes.get(path);
            Optional<Bytes> value = DbusValues.bytes(changed.get("Value"));
            if (route != null && value.isPresent()) {
                sink.accept(new RawFrame(route.address(), route.uuid(), value.get(), at));
            }
            return; // the mirror does not keep characteristic values
        }
        objects.update(path, iface, changed, s.getPropertiesRemoved());
        if (BluezObjects.DEVICE.equals(iface)) {
            onDeviceChanged(path, changed, at);
        } else if (BluezObjects.ADAPTER.equals(iface) && path.equals(config.adapterPath())
                && changed.containsKey("Powered")) {
            if (DbusValues.bool(changed.get("Powered"))) {
                LOG.info("adapter {} powered on", config.adapter());
                setupAdapter();
            } else {
                LOG.warn("adapter {} powered off", config.adapter());
                connections.keySet().forEach(this::connectionLost);
                listener.onAdapterReady(false);
            }
        }
    }

    private void onDeviceChanged(String path, Map<String, Variant<?>> changed, Instant at) {
        if (changed.containsKey("ServicesResolved") && DbusValues.bool(changed.get("ServicesResolved"))) {
            CompletableFuture<Void> w = resolvedWaiters.get(path);
            if (w != null) {
                w.complete(null);
            }
        }
        if (changed.containsKey("Connected") && !DbusValues.bool(changed.get("Connected"))) {
            CompletableFuture<Void> w = resolvedWaiters.get(path);
            if (w != null) {
                w.completeExceptionally(new BleLinkException("device disconnected while resolving services"));
            }
            objects.address(path).ifPresent(this::connectionLost);
        }
        if (changed.containsKey("RSSI") || changed.containsKey("ManufacturerData")) {
            advertisement(path, at);
        }
    }

    private void advertisement(String path, Instant at) {
        if (!path.startsWith(config.adapterPath() + "/")) {
            return;
        }
        Map<String, Object> p = objects.props(path, BluezObjects.DEVICE).orElse(Map.of());
        Optional<String> address = DbusValues.string(p.get("Address"));
        Optional<Integer> rssi = DbusValues.integer(p.get("RSSI"));
        if (address.isEmpty() || rssi.isEmpty()) {
            return;
        }
        advertisements.onAdvertisement(new Advertisement(address.get(), DbusValues.string(p.get("Name")),
                rssi.get(), DbusValues.uuids(p.get("UUIDs")), DbusValues.manufacturerData(p.get("ManufacturerData")),
                at));
    }

    private void connectionLost(String address) {
        BleConnection c = connections.remove(address);
        if (c != null) {
            notifyRoutes.values().removeIf(r -> r.address().equals(address));
            LOG.info("connection to {} ended", address);
            try {
                listener.onDisconnected(address);
            } finally {
                c.markClosed(); // after the listener, so whoever waits on the connection sees it informed
            }
        }
    }

    // ------------------------------------------------------------------ (re)initialisation, on ble-events

    private void initialise() {
        String owner;
        try {
            owner = conn.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .GetNameOwner(BLUEZ);
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("BlueZ (org.bluez) is not on the bus; waiting for it");
            bluezOwner = null;
            return;
        }
        bluezOwner = owner;
        objects.clear();
        try {
            ObjectManager om = conn.getRemoteObject(BLUEZ, "/", ObjectManager.class);
            om.GetManagedObjects().forEach((path, ifaces) ->
                    ifaces.forEach((iface, props) -> objects.put(path.getPath(), iface, props)));
            AgentManager1 agents = conn.getRemoteObject(BLUEZ, "/org/bluez", AgentManager1.class);
            DBusPath agentPath = new DBusPath(config.agentPath());
            try {
                agents.RegisterAgent(agentPath, config.agentCapability());
            } catch (DBusException | DBusExecutionException e) {
                if (!"org.bluez.Error.AlreadyExists".equals(BluezErrors.name(e))) {
                    throw e;
                }
            }
            agents.RequestDefaultAgent(agentPath);
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("BlueZ initialisation failed: {}", e.toString());
            return;
        }
        LOG.info("BlueZ available as {}; pairing agent registered", owner);
        listener.onBluezAvailable(true);
        setupAdapter();
    }

    private void bluezDown() {
        LOG.warn("BlueZ left the bus");
        bluezOwner = null;
        connections.keySet().forEach(this::connectionLost);
        notifyRoutes.clear();
        objects.clear();
        listener.onBluezAvailable(false);
    }

    private void setupAdapter() {
        String adapterPath = config.adapterPath();
        if (!objects.has(adapterPath, BluezObjects.ADAPTER)) {
            LOG.warn("adapter {} not present; waiting for it", config.adapter());
            return;
        }
        boolean powered = objects.prop(adapterPath, BluezObjects.ADAPTER, "Powered").map(DbusValues::bool)
                .orElse(false);
        try {
            if (!powered && config.powerOnAdapter()) {
                properties(adapterPath).Set(BluezObjects.ADAPTER, "Powered", new Variant<>(true));
                return; // Powered=true arrives as a signal and brings us back here
            }
            if (!powered) {
                LOG.warn("adapter {} is powered off; waiting", config.adapter());
                return;
            }
            if (discoveryUuids != null) {
                applyDiscovery(discoveryUuids);
            }
            listener.onAdapterReady(true);
        } catch (DBusExecutionException | BleLinkException e) {
            LOG.warn("adapter {} setup failed: {}", config.adapter(), e.toString());
        }
    }

    // ------------------------------------------------------------------ discovery

    /** Starts LE discovery for devices advertising any of {@code serviceUuids} (all devices if empty). */
    public void startDiscovery(Collection<String> serviceUuids) throws BleLinkException {
        Set<String> uuids = Set.copyOf(serviceUuids.stream().map(GattUuid::normalize).toList());
        discoveryUuids = uuids;
        applyDiscovery(uuids);
    }

    public void stopDiscovery() throws BleLinkException {
        discoveryUuids = null;
        try {
            adapter().StopDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            String name = BluezErrors.name(e);
            if (!name.equals("org.bluez.Error.Failed") && !name.equals("org.bluez.Error.NotReady")) {
                throw new BleLinkException("StopDiscovery failed", name, e);
            }
        }
    }

    private void applyDiscovery(Set<String> uuids) throws BleLinkException {
        Map<String, Variant<?>> filter = new LinkedHashMap<>();
        filter.put("Transport", new Variant<>("le"));
        filter.put("DuplicateData", new Variant<>(true));
        if (!uuids.isEmpty()) {
            filter.put("UUIDs", new Variant<>(uuids.toArray(String[]::new), "as"));
        }
        Adapter1 adapter = adapter();
        try {
            adapter.SetDiscoveryFilter(filter);
            adapter.StartDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            if (!"org.bluez.Error.InProgress".equals(BluezErrors.name(e))) {
                throw new BleLinkException("cannot start discovery", BluezErrors.name(e), e);
            }
        }
    }

    // ------------------------------------------------------------------ connections

    /**
     * Connects and waits until services are resolved, all within {@code timeout}. Only one attempt runs at a
     * time on the adapter (LE controllers serialise connection setup; parallel attempts just time out): a caller
     * waits for the permit within the same deadline. On timeout the attempt is cancelled (Disconnect).
     *
     * @throws BleLinkException.Timeout past the deadline; {@link BleLinkException} for BlueZ errors
     */
    public BleConnection connect(String address, Duration timeout) throws BleLinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!connectPermit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BleLinkException.Timeout("another connection attempt is still running on "
                        + config.adapter());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BleLinkException("interrupted", null, e);
        }
        String path = null;
        try {
            requireBluez();
            path = objects.devicePath(config.adapterPath(), address)
                    .orElseThrow(() -> new BleLinkException("unknown device " + address + " (not discovered)"));
            CompletableFuture<Void> resolved = new CompletableFuture<>();
            resolvedWaiters.put(path, resolved);
            Device1 device = remote(path, Device1.class);
            await(call(device, "Connect"), deadline, "Connect " + address, () -> cancelConnect(device));
            if (objects.prop(path, BluezObjects.DEVICE, "ServicesResolved").map(DbusValues::bool).orElse(false)) {
                resolved.complete(null);
            }
            await(resolved, deadline, "ServicesResolved " + address, () -> cancelConnect(device));
            BleConnection c = new BleConnection(this, address, path, objects.characteristics(path));
            BleConnection previous = connections.put(address, c);
            if (previous != null) {
                previous.markClosed();
            }
            LOG.info("connected to {} ({} characteristics)", address, c.characteristics().size());
            return c;
        } finally {
            if (path != null) {
                resolvedWaiters.remove(path);
            }
            connectPermit.release();
        }
    }

    private void cancelConnect(Device1 device) {
        try {
            device.Disconnect();
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("cancel connect: {}", e.toString());
        }
    }

    /**
     * Pairs (bonds) with {@code address} and marks it Trusted. Allowed only while the provisioning window is open;
     * the device must have been discovered. Already paired is success.
     */
    public void pair(String address, Duration timeout) throws BleLinkException {
        if (!window.isOpen()) {
            throw new BleLinkException("pairing refused: provisioning window is closed");
        }
        requireBluez();
        long deadline = System.nanoTime() + timeout.toNanos();
        String path = objects.devicePath(config.adapterPath(), address)
                .orElseThrow(() -> new BleLinkException("unknown device " + address + " (not discovered)"));
        Device1 device = remote(path, Device1.class);
        try {
            await(call(device, "Pair"), deadline, "Pair " + address, () -> {
                try {
                    device.CancelPairing();
                } catch (DBusException | DBusExecutionException e) {
                    LOG.debug("CancelPairing: {}", e.toString());
                }
            });
        } catch (BleLinkException e) {
            if (!e.errorName().filter("org.bluez.Error.AlreadyExists"::equals).isPresent()) {
                throw e;
            }
        }
        try {
            properties(path).Set(BluezObjects.DEVICE, "Trusted", new Variant<>(true));
        } catch (DBusExecutionException e) {
            throw new BleLinkException("cannot mark " + address + " trusted", BluezErrors.name(e), e);
        }
        LOG.info("paired and trusted {}", address);
    }

    /** Whether BlueZ reports {@code address} as paired (bonded). */
    public boolean isPaired(String address) {
        return objects.devicePath(config.adapterPath(), address)
                .flatMap(p -> objects.prop(p, BluezObjects.DEVICE, "Paired"))
                .map(DbusValues::bool).orElse(false);
    }

    /** Removes the device and its bond from BlueZ (a stale bond is the usual fix for devices that stop pairing). */
    public void removeDevice(String address) throws BleLinkException {
        String path = objects.devicePath(config.adapterPath(), address)
                .orElseThrow(() -> new BleLinkException("unknown device " + address));
        try {
            adapter().RemoveDevice(new DBusPath(path));
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("RemoveDevice " + address + " failed", BluezErrors.name(e), e);
        }
    }

    Bytes readValue(BleConnection c, String charPath) throws BleLinkException {
        try {
            byte[] v = remote(charPath, GattCharacteristic1.class).ReadValue(Map.of());
            return Bytes.of(v);
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("ReadValue on " + c.address() + " failed", BluezErrors.name(e), e);
        }
    }

    void writeValue(BleConnection c, String charPath, Bytes value, WriteMode mode) throws BleLinkException {
        try {
            remote(charPath, GattCharacteristic1.class)
                    .WriteValue(value.toByteArray(), Map.of("type", new Variant<>(mode.bluezType())));
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("WriteValue on " + c.address() + " failed", BluezErrors.name(e), e);
        }
    }

    void startNotify(BleConnection c, String charPath, String uuid) throws BleLinkException {
        // route first: a device may indicate stored readings the moment notifications are on
        notifyRoutes.put(charPath, new Route(c.address(), uuid));
        try {
            remote(charPath, GattCharacteristic1.class).StartNotify();
        } catch (DBusException | DBusExecutionException e) {
            notifyRoutes.remove(charPath);
            throw new BleLinkException("StartNotify " + uuid + " on " + c.address() + " failed",
                    BluezErrors.name(e), e);
        }
    }

    void stopNotify(String charPath) throws BleLinkException {
        notifyRoutes.remove(charPath);
        try {
            remote(charPath, GattCharacteristic1.class).StopNotify();
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("StopNotify failed", BluezErrors.name(e), e);
        }
    }

    void disconnect(BleConnection c) {
        try {
            remote(c.devicePath(), Device1.class).Disconnect();
        } catch (BleLinkException | DBusException | DBusExecutionException e) {
            LOG.debug("Disconnect {}: {}", c.address(), e.toString());
        }
        if (connections.remove(c.address(), c)) {
            notifyRoutes.values().removeIf(r -> r.address().equals(c.address()));
            c.markClosed();
        }
    }

    // ------------------------------------------------------------------ helpers

    private String addressOfPath(String devicePath) {
        return objects.address(devicePath).orElseGet(() -> {
            int i = devicePath.lastIndexOf("/dev_");
            return i < 0 ? devicePath : devicePath.substring(i + 5).replace('_', ':');
        });
    }

    private void requireBluez() throws BleLinkException {
        if (bluezOwner == null) {
            throw new BleLinkException("BlueZ is not running");
        }
    }

    private Adapter1 adapter() throws BleLinkException {
        requireBluez();
        return remote(config.adapterPath(), Adapter1.class);
    }

    private Properties properties(String path) throws BleLinkException {
        return remote(path, Properties.class);
    }

    private <T extends DBusInterface> T remote(String path, Class<T> type) throws BleLinkException {
        try {
            return conn.getRemoteObject(BLUEZ, path, type);
        } catch (DBusException e) {
            throw new BleLinkException("no D-Bus proxy for " + path, null, e);
        }
    }

    private CompletableFuture<Object> call(DBusInterface remote, String method) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        conn.callWithCallback(remote, method, new CallbackHandler<Object>() {
            @Override
            public void handle(Object r) {
                f.complete(r);
            }

            @Override
            public void handleError(DBusExecutionException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static void await(CompletableFuture<?> f, long deadlineNanos, String what, Runnable onTimeout)
            throws BleLinkException {
        try {
            f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            onTimeout.run();
            throw new BleLinkException.Timeout(what + " did not finish before the deadline");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BleLinkException ble) {
                throw ble;
            }
            String name = cause instanceof DBusExecutionException dbe ? BluezErrors.name(dbe) : null;
            throw new BleLinkException(what + " failed", name, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onTimeout.run();
            throw new BleLinkException(what + " interrupted", null, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (BleConnection c : List.copyOf(connections.values())) {
            c.disconnect();
        }
        if (bluezOwner != null && conn != null) {
            try {
                if (discoveryUuids != null) {
                    stopDiscovery();
                }
                conn.getRemoteObject(BLUEZ, "/org/bluez", AgentManager1.class)
                        .UnregisterAgent(new DBusPath(config.agentPath()));
            } catch (DBusException | DBusExecutionException | BleLinkException e) {
                LOG.debug("close: {}", e.toString());
            }
        }
        for (AutoCloseable h : signalHandlers) {
            try {
                h.close();
            } catch (Exception e) {
                LOG.debug("removing signal handler: {}", e.toString());
            }
        }
        events.shutdownNow();
        if (conn != null) {
            conn.disconnect();
        }
    }

    /** Builds a link; the config is mandatory, the hooks default to no-ops. Not thread-safe. */
    public static final class Builder {
        private final BleLinkConfig config;
        private Clock clock = Clock.systemUTC();
        private FrameSink sink = f -> { };
        private AdvertisementListener advertisements = a -> { };
        private BleLinkListener listener = new BleLinkListener() { };
        private ProvisioningWindow window;
        private PasskeyProvider passkeys = PasskeyProvider.none();

        private Builder(BleLinkConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder frameSink(FrameSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        public Builder advertisementListener(AdvertisementListener listener) {
            this.advertisements = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder linkListener(BleLinkListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder provisioningWindow(ProvisioningWindow window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        public Builder passkeyProvider(PasskeyProvider passkeys) {
            this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
            return this;
        }

        /** Connects to the bus, exports the agent and initialises against BlueZ if it is running. */
        public BluezBleLink open() throws BleLinkException {
            if (window == null) {
                window = new ProvisioningWindow(clock);
            }
            return new BluezBleLink(this);
        }
    }
}
