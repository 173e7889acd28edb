package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.FrameSink;

/**
 * The one owner of the link's state: the {@code ble-events} thread applies BlueZ's signals, in bus order, to the
 * mirror of BlueZ's object tree ({@link BluezObjects}), the {@link ValueRouter}, the {@link BluezLifecycle} and the
 * table of open connections, and reports advertisements. The API facade ({@link BluezBleLink}) never touches this
 * state from its callers' threads: it asks through {@link #call}, so a decision such as "is the device still
 * connected?" is taken in the same order as the signals that change the answer.
 *
 * <p>dbus-java's single signal thread only stamps and enqueues. Advertisement-only property changes (RSSI,
 * manufacturer/service data) are coalesced per device: at most one such update per device waits in the queue, so a
 * crowd of advertising neighbours cannot grow it without bound. Everything else is applied one by one.
 */
final class BluezEventLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BluezEventLoop.class);
    private static final Set<String> ADVERTISEMENT_PROPS = Set.of("RSSI", "ManufacturerData", "ServiceData",
            "TxPower");

    private final BleLinkConfig config;
    private final Clock clock;
    private final AdvertisementListener advertisements;
    private final BleLinkListener listener;
    private final BluezBus bus;
    private final ScheduledExecutorService events;
    final BluezObjects objects = new BluezObjects();
    final ValueRouter router;
    final BluezLifecycle lifecycle;
    /** Confined to ble-events. */
    private final Map<String, BleConnection> connections = new HashMap<>();
    /** Confined to ble-events: device path → waiter for ServicesResolved. */
    private final Map<String, CompletableFuture<Void>> resolvedWaiters = new HashMap<>();
    /** Signal thread → ble-events: latest pending advertisement changes per device path. */
    private final Map<String, PendingAd> pendingAds = new ConcurrentHashMap<>();
    private final AtomicLong coalesced = new AtomicLong();

    private record PendingAd(Map<String, Variant<?>> changed, Instant at) {
    }

    BluezEventLoop(BleLinkConfig config, Clock clock, FrameSink sink, AdvertisementListener advertisements,
                   BleLinkListener listener, BluezBus bus, ThreadFactory threads) {
        this.config = config;
        this.clock = clock;
        this.advertisements = advertisements;
        this.listener = listener;
        this.bus = bus;
        this.events = Executors.newSingleThreadScheduledExecutor(threads);
        this.router = new ValueRouter(sink);
        this.lifecycle = new BluezLifecycle(config, bus, objects, listener, events, new BluezLifecycle.Hooks() {
            @Override
            public void allConnectionsLost() {
                List.copyOf(connections.keySet()).forEach(BluezEventLoop.this::connectionLost);
            }

            @Override
            public void bluezGone() {
                router.clear();
                resolvedWaiters.values().forEach(w -> w.completeExceptionally(
                        new BleLinkException("BlueZ left the bus")));
            }
        });
    }

    // ------------------------------------------------------------------ tasks from the facade

    /** Runs {@code task} on ble-events and waits until {@code deadlineNanos} ({@link System#nanoTime}). */
    <T> T call(Callable<T> task, long deadlineNanos, String what) throws BleLinkException {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            events.execute(() -> {
                try {
                    f.complete(task.call());
                } catch (Exception | Error e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new BleLinkException("link closed");
        }
        return BluezBus.await(f, deadlineNanos, what, () -> { });
    }

    /** Runs {@code task} on ble-events, not waiting. */
    void execute(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("BLE event task failed: {}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** On ble-events: the waiter for {@code address}'s ServicesResolved; done at once when already resolved. */
    ConnectTicket beginConnect(String address) throws BleLinkException {
        String path = objects.devicePath(config.adapterPath(), address)
                .orElseThrow(() -> new BleLinkException("unknown device " + address + " (not discovered)"));
        CompletableFuture<Void> resolved = new CompletableFuture<>();
        CompletableFuture<Void> old = resolvedWaiters.put(path, resolved);
        if (old != null) {
            old.completeExceptionally(new BleLinkException("superseded"));
        }
        if (connectedAndResolved(path)) {
            resolved.complete(null);
        }
        return new ConnectTicket(path, resolved);
    }

    record ConnectTicket(String path, CompletableFuture<Void> resolved) {
    }

    /** On ble-events: forget the waiter of an attempt that ended. */
    void endConnect(ConnectTicket t) {
        resolvedWaiters.remove(t.path(), t.resolved());
    }

    /**
     * On ble-events: records the connection, unless the link already went down. Why here: a {@code Connected=false}
     * signal handled before this point is visible in the mirror, and one handled after finds the connection in the
     * table, so a dead connection can neither be handed out nor linger.
     */
    BleConnection register(BluezBleLink link, String address, String path) throws BleLinkException {
        if (!connectedAndResolved(path)) {
            throw new BleLinkException("device " + address + " disconnected while connecting");
        }
        BleConnection c = new BleConnection(link, address, path, objects.characteristics(path));
        BleConnection previous = connections.put(address, c);
        if (previous != null && previous != c) {
            previous.markClosed();
        }
        return c;
    }

    /** On ble-events: our own disconnect. */
    void forget(BleConnection c) {
        if (connections.remove(c.address(), c)) {
            c.markClosed();
        }
    }

    boolean isOpen(BleConnection c) {
        return connections.get(c.address()) == c;
    }

    private boolean connectedAndResolved(String path) {
        return objects.prop(path, BluezObjects.DEVICE, "Connected").map(DbusValues::bool).orElse(false)
                && objects.prop(path, BluezObjects.DEVICE, "ServicesResolved").map(DbusValues::bool).orElse(false);
    }

    /** Marks a connection gone and tells the listener. On ble-events. */
    private void connectionLost(String address) {
        BleConnection c = connections.remove(address);
        if (c == null) {
            return;
        }
        LOG.info("connection to {} ended", address);
        // Why StopNotify after a link loss: BlueZ keeps our notification sessions and re-enables them on the
        // next link-up before Connect() returns, so a device that needs its clock set before data (A&D) would
        // upload first. Ending them keeps the profile's order (clock, then subscribe); values that arrive
        // before BlueZ processed this are still routed. Sent before anyone learns of the loss, so it reaches
        // bluetoothd before any new Connect() of that device.
        for (String charPath : router.pathsOf(address)) {
            bus.stopNotifyAsync(charPath);
        }
        try {
            listener.onDisconnected(address);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed: {}", e.toString(), e);
        } finally {
            c.markClosed(); // after the listener, so whoever waits on the connection sees it informed
        }
    }

    // ------------------------------------------------------------------ signals

    /** Registers the signal handlers; returns their handles for removal. */
    List<AutoCloseable> subscribeSignals() throws DBusException {
        var conn = bus.connection();
        return List.of(
                conn.addSigHandler(DBus.NameOwnerChanged.class, s -> enqueue(s, this::onOwner)),
                conn.addSigHandler(ObjectManager.InterfacesAdded.class, s -> enqueue(s, this::onAdded)),
                conn.addSigHandler(ObjectManager.InterfacesRemoved.class, s -> enqueue(s, this::onRemoved)),
                conn.addSigHandler(Properties.PropertiesChanged.class, this::onChangedSignal));
    }

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

    /** Signal thread: advertisement-only device changes are coalesced per path; the rest is enqueued in order. */
    private void onChangedSignal(Properties.PropertiesChanged s) {
        try {
            if (BluezObjects.DEVICE.equals(s.getInterfaceName()) && s.getPropertiesRemoved().isEmpty()
                    && !s.getPropertiesChanged().isEmpty()
                    && ADVERTISEMENT_PROPS.containsAll(s.getPropertiesChanged().keySet())) {
                if (!fromBluez(s)) {
                    return;
                }
                Instant at = clock.instant();
                String path = s.getPath();
                boolean[] queued = {false};
                pendingAds.compute(path, (p, old) -> {
                    if (old == null) {
                        return new PendingAd(Map.copyOf(s.getPropertiesChanged()), at);
                    }
                    queued[0] = true;
                    Map<String, Variant<?>> merged = new LinkedHashMap<>(old.changed());
                    merged.putAll(s.getPropertiesChanged());
                    return new PendingAd(merged, at);
                });
                if (queued[0]) {
                    coalesced.incrementAndGet();
                } else {
                    execute(() -> applyPendingAd(path));
                }
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("BlueZ signal handling failed", e);
            return;
        }
        enqueue(s, this::onChanged);
    }

    /** Advertisement updates merged away while one for the same device was waiting (for tests and health). */
    long coalescedAdvertisements() {
        return coalesced.get();
    }

    private void applyPendingAd(String path) {
        PendingAd ad = pendingAds.remove(path);
        if (ad == null || !fromBluez()) {
            return;
        }
        objects.update(path, BluezObjects.DEVICE, ad.changed(), List.of());
        advertisement(path, ad.at());
    }

    private boolean fromBluez(DBusSignal s) {
        String owner = lifecycle.bluezOwner();
        return owner != null && owner.equals(s.getSource());
    }

    private boolean fromBluez() {
        return lifecycle.bluezOwner() != null;
    }

    private void onOwner(DBus.NameOwnerChanged s, Instant at) {
        if (BluezBus.BLUEZ.equals(s.name)) {
            pendingAds.clear();
            lifecycle.onOwnerChanged(s.oldOwner, s.newOwner);
        }
    }

    private void onAdded(ObjectManager.InterfacesAdded s, Instant at) {
        if (!fromBluez(s)) {
            return;
        }
        String path = s.getSignalSource().getPath();
        s.getInterfaces().forEach((iface, props) -> objects.put(path, iface, props));
        if (path.equals(config.adapterPath()) && s.getInterfaces().containsKey(BluezObjects.ADAPTER)) {
            lifecycle.onAdapterAdded();
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
        router.remove(path);
        if (path.equals(config.adapterPath()) && s.getInterfaces().contains(BluezObjects.ADAPTER)) {
            lifecycle.onAdapterRemoved();
        } else if (s.getInterfaces().contains(BluezObjects.DEVICE)) {
            pendingAds.remove(path);
            CompletableFuture<Void> w = resolvedWaiters.get(path);
            if (w != null) {
                w.completeExceptionally(new BleLinkException("device removed by BlueZ while connecting"));
            }
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
        if (BluezObjects.CHARACTERISTIC.equals(iface)) {
            if (changed.containsKey("Value")) {
                Optional<Bytes> value = DbusValues.bytes(changed.get("Value"));
                value.ifPresent(v -> router.onValue(path, v, at));
            }
            if (changed.containsKey("Notifying")) {
                router.onNotifying(path, DbusValues.bool(changed.get("Notifying")));
            }
            Map<String, Variant<?>> rest = new HashMap<>(changed);
            rest.remove("Value"); // the mirror does not keep characteristic values
            objects.update(path, iface, rest, s.getPropertiesRemoved());
            return;
        }
        objects.update(path, iface, changed, s.getPropertiesRemoved());
        if (BluezObjects.DEVICE.equals(iface)) {
            onDeviceChanged(path, changed, at);
        } else if (BluezObjects.ADAPTER.equals(iface) && path.equals(config.adapterPath())) {
            lifecycle.onAdapterChanged(changed);
        }
    }

    private void onDeviceChanged(String path, Map<String, Variant<?>> changed, Instant at) {
        if (changed.containsKey("ServicesResolved") && DbusValues.bool(changed.get("ServicesResolved"))) {
            CompletableFuture<Void> w = resolvedWaiters.get(path);
            if (w != null && connectedAndResolved(path)) {
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
        if (changed.keySet().stream().anyMatch(ADVERTISEMENT_PROPS::contains)) {
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
        try {
            advertisements.onAdvertisement(new Advertisement(address.get(), DbusValues.string(p.get("Name")),
                    rssi.get(), DbusValues.uuids(p.get("UUIDs")),
                    DbusValues.manufacturerData(p.get("ManufacturerData")), at));
        } catch (RuntimeException e) {
            LOG.warn("advertisement listener failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        events.shutdownNow();
    }
}
