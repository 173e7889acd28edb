package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.bluez.Adapter1;
import org.bluez.AgentManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
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
 * Follows bluetoothd and the adapter for {@link BluezBleLink}: keeps the object mirror current from BlueZ's
 * signals, routes {@code Value} changes of subscribed characteristics to the sink, reports advertisements, and
 * re-initialises (agent registration, discovery) when {@code org.bluez} gets a new owner, the adapter reappears
 * or is powered on. Signal handlers run on dbus-java's signal thread and only stamp and enqueue; everything else
 * runs on the {@code ble-events} thread. The shared maps are concurrent so the link's callers can read them.
 */
final class BluezTracker {
    private static final Logger LOG = LoggerFactory.getLogger(BluezTracker.class);
    private static final String BLUEZ = BluezBus.BLUEZ;

    /** Where a subscribed characteristic's values go. */
    record Route(String address, String uuid) {
    }

    private final BleLinkConfig config;
    private final Clock clock;
    private final FrameSink sink;
    private final AdvertisementListener advertisements;
    private final BleLinkListener listener;
    private final BluezBus bus;
    private final ExecutorService events;
    final BluezObjects objects = new BluezObjects();
    final Map<String, Route> notifyRoutes = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<Void>> resolvedWaiters = new ConcurrentHashMap<>();
    final Map<String, BleConnection> connections = new ConcurrentHashMap<>();
    private volatile String bluezOwner;
    volatile Set<String> discoveryUuids;

    BluezTracker(BleLinkConfig config, Clock clock, FrameSink sink, AdvertisementListener advertisements,
                 BleLinkListener listener, BluezBus bus, ExecutorService events) {
        this.config = config;
        this.clock = clock;
        this.sink = sink;
        this.advertisements = advertisements;
        this.listener = listener;
        this.bus = bus;
        this.events = events;
    }

    /** The unique bus name currently owning {@code org.bluez}, or null. */
    String bluezOwner() {
        return bluezOwner;
    }

    boolean bluezRunning() {
        return bluezOwner != null;
    }

    /** Registers the four signal handlers on the connection; returns their handles for removal. */
    java.util.List<AutoCloseable> subscribeSignals() throws DBusException {
        var conn = bus.connection();
        return java.util.List.of(
                conn.addSigHandler(DBus.NameOwnerChanged.class, s -> enqueue(s, this::onOwner)),
                conn.addSigHandler(ObjectManager.InterfacesAdded.class, s -> enqueue(s, this::onAdded)),
                conn.addSigHandler(ObjectManager.InterfacesRemoved.class, s -> enqueue(s, this::onRemoved)),
                conn.addSigHandler(Properties.PropertiesChanged.class, s -> enqueue(s, this::onChanged)));
    }

    /** Marks a connection gone and tells the listener (from any thread). */
    void connectionLost(String address) {
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

    // ------------------------------------------------------------------ (re)initialisation, on ble-events

    void initialise() {
        String owner;
        try {
            owner = bus.connection().getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .GetNameOwner(BLUEZ);
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("BlueZ (org.bluez) is not on the bus; waiting for it");
            bluezOwner = null;
            return;
        }
        bluezOwner = owner;
        objects.clear();
        try {
            ObjectManager om = bus.connection().getRemoteObject(BLUEZ, "/", ObjectManager.class);
            om.GetManagedObjects().forEach((path, ifaces) ->
                    ifaces.forEach((iface, props) -> objects.put(path.getPath(), iface, props)));
            AgentManager1 agents = bus.connection().getRemoteObject(BLUEZ, "/org/bluez", AgentManager1.class);
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
                bus.properties(adapterPath).Set(BluezObjects.ADAPTER, "Powered", new Variant<>(true));
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

    void applyDiscovery(Set<String> uuids) throws BleLinkException {
        Map<String, Variant<?>> filter = new LinkedHashMap<>();
        filter.put("Transport", new Variant<>("le"));
        filter.put("DuplicateData", new Variant<>(true));
        if (!uuids.isEmpty()) {
            filter.put("UUIDs", new Variant<>(uuids.toArray(String[]::new), "as"));
        }
        Adapter1 adapter = bus.remote(config.adapterPath(), Adapter1.class);
        try {
            adapter.SetDiscoveryFilter(filter);
            adapter.StartDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            if (!"org.bluez.Error.InProgress".equals(BluezErrors.name(e))) {
                throw new BleLinkException("cannot start discovery", BluezErrors.name(e), e);
            }
        }
    }

}
