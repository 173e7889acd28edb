package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private final BleLinkConfig config;
    private final ProvisioningWindow window;
    private final DBusConnection conn;
    private final BluezBus bus;
    private final BluezTracker tracker;
    private final ExecutorService events;
    private final BluezObjects objects;
    private final Semaphore connectPermit = new Semaphore(1, true);
    private final List<AutoCloseable> signalHandlers = new ArrayList<>();
    private volatile boolean closed;

    private BluezBleLink(Builder b) throws BleLinkException {
        this.config = b.config;
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
        this.bus = new BluezBus(conn);
        this.tracker = new BluezTracker(config, b.clock, b.sink, b.advertisements, b.listener, bus, events);
        this.objects = tracker.objects;
        try {
            conn.exportObject(config.agentPath(),
                    new PairingAgent(config.agentPath(), window, b.passkeys, this::addressOfPath,
                            tracker::bluezOwner));
            signalHandlers.addAll(tracker.subscribeSignals());
            events.submit(tracker::initialise).get(30, TimeUnit.SECONDS);
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

    // ------------------------------------------------------------------ discovery

    /** Starts LE discovery for devices advertising any of {@code serviceUuids} (all devices if empty). */
    public void startDiscovery(Collection<String> serviceUuids) throws BleLinkException {
        Set<String> uuids = Set.copyOf(serviceUuids.stream().map(GattUuid::normalize).toList());
        tracker.discoveryUuids = uuids;
        requireBluez();
        tracker.applyDiscovery(uuids);
    }

    public void stopDiscovery() throws BleLinkException {
        tracker.discoveryUuids = null;
        try {
            adapter().StopDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            String name = BluezErrors.name(e);
            if (!name.equals("org.bluez.Error.Failed") && !name.equals("org.bluez.Error.NotReady")) {
                throw new BleLinkException("StopDiscovery failed", name, e);
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
            tracker.resolvedWaiters.put(path, resolved);
            Device1 device = bus.remote(path, Device1.class);
            BluezBus.await(bus.call(device, "Connect"), deadline, "Connect " + address, () -> cancelConnect(device));
            if (objects.prop(path, BluezObjects.DEVICE, "ServicesResolved").map(DbusValues::bool).orElse(false)) {
                resolved.complete(null);
            }
            BluezBus.await(resolved, deadline, "ServicesResolved " + address, () -> cancelConnect(device));
            BleConnection c = new BleConnection(this, address, path, objects.characteristics(path));
            BleConnection previous = tracker.connections.put(address, c);
            if (previous != null) {
                previous.markClosed();
            }
            LOG.info("connected to {} ({} characteristics)", address, c.characteristics().size());
            return c;
        } finally {
            if (path != null) {
                tracker.resolvedWaiters.remove(path);
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
        Device1 device = bus.remote(path, Device1.class);
        try {
            BluezBus.await(bus.call(device, "Pair"), deadline, "Pair " + address, () -> {
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
            bus.properties(path).Set(BluezObjects.DEVICE, "Trusted", new Variant<>(true));
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
            byte[] v = bus.remote(charPath, GattCharacteristic1.class).ReadValue(Map.of());
            return Bytes.of(v);
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("ReadValue on " + c.address() + " failed", BluezErrors.name(e), e);
        }
    }

    void writeValue(BleConnection c, String charPath, Bytes value, WriteMode mode) throws BleLinkException {
        try {
            bus.remote(charPath, GattCharacteristic1.class)
                    .WriteValue(value.toByteArray(), Map.of("type", new Variant<>(mode.bluezType())));
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("WriteValue on " + c.address() + " failed", BluezErrors.name(e), e);
        }
    }

    void startNotify(BleConnection c, String charPath, String uuid) throws BleLinkException {
        // route first: a device may indicate stored readings the moment notifications are on
        tracker.notifyRoutes.put(charPath, new BluezTracker.Route(c.address(), uuid));
        try {
            bus.remote(charPath, GattCharacteristic1.class).StartNotify();
        } catch (DBusException | DBusExecutionException e) {
            tracker.notifyRoutes.remove(charPath);
            throw new BleLinkException("StartNotify " + uuid + " on " + c.address() + " failed",
                    BluezErrors.name(e), e);
        }
    }

    void stopNotify(String charPath) throws BleLinkException {
        tracker.notifyRoutes.remove(charPath);
        try {
            bus.remote(charPath, GattCharacteristic1.class).StopNotify();
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("StopNotify failed", BluezErrors.name(e), e);
        }
    }

    void disconnect(BleConnection c) {
        try {
            bus.remote(c.devicePath(), Device1.class).Disconnect();
        } catch (BleLinkException | DBusException | DBusExecutionException e) {
            LOG.debug("Disconnect {}: {}", c.address(), e.toString());
        }
        if (tracker.connections.remove(c.address(), c)) {
            tracker.notifyRoutes.values().removeIf(r -> r.address().equals(c.address()));
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
        if (!tracker.bluezRunning()) {
            throw new BleLinkException("BlueZ is not running");
        }
    }

    private Adapter1 adapter() throws BleLinkException {
        requireBluez();
        return bus.remote(config.adapterPath(), Adapter1.class);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (BleConnection c : List.copyOf(tracker.connections.values())) {
            c.disconnect();
        }
        if (tracker.bluezRunning() && conn != null) {
            try {
                if (tracker.discoveryUuids != null) {
                    stopDiscovery();
                }
                conn.getRemoteObject(BluezBus.BLUEZ, "/org/bluez", AgentManager1.class)
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
