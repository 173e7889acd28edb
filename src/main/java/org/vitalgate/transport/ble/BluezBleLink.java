package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bluez.AgentManager1;
import org.bluez.Device1;
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
 * feeds every object's property changes to every handler). This class is the API facade: discovery, connect, pair
 * and GATT calls, each under a deadline. The state they depend on (mirror of BlueZ's objects, value routes, open
 * connections, bluetoothd/adapter lifecycle) belongs to the {@link BluezEventLoop} and its {@code ble-events}
 * thread; see {@code docs/bluez-notes.md} for what BlueZ does on each path.
 *
 * <p>Discovery with an LE/service-UUID filter reports {@link Advertisement}s; {@link #connect} makes one connection
 * attempt at a time per adapter and waits for ServicesResolved; subscribed characteristics' {@code Value} changes
 * become {@link RawFrame}s, stamped when the signal arrived. The link follows bluetoothd restarts, adapter
 * removal/re-addition and power cycles; connections lost that way are reported to the {@link BleLinkListener}.
 *
 * <p>Public methods are thread-safe and block on D-Bus; never call them from a listener.
 */
public final class BluezBleLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BluezBleLink.class);

    private final BleLinkConfig config;
    /** The longest a Connect() may keep the adapter while another connection attempt waits. */
    static final Duration CONNECT_FAIR_SHARE = Duration.ofSeconds(5);
    private final ProvisioningWindow window;
    private final Duration gattTimeout;
    private final DBusConnection conn;
    private final BluezBus bus;
    private final BluezEventLoop loop;
    private final BluezObjects objects;
    private final PairingAgent agent;
    private final Semaphore connectPermit = new Semaphore(1, true);
    private final Set<String> repairAllowed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> signalHandlers = new ArrayList<>();
    private volatile boolean closed;

    private BluezBleLink(Builder b) throws BleLinkException {
        this.config = b.config;
        this.window = b.window;
        this.gattTimeout = b.gattTimeout;
        try {
            DBusConnectionBuilder cb = config.busAddress().isPresent()
                    ? DBusConnectionBuilder.forAddress(config.busAddress().get())
                    : DBusConnectionBuilder.forSystemBus();
            // one signal thread keeps signals in bus order (Value notifications, then Connected=false)
            this.conn = cb.withShared(false).receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                    .build();
        } catch (DBusException | RuntimeException e) {
            throw new BleLinkException("cannot connect to D-Bus " + config.busAddress().orElse("(system bus)"),
                    null, e);
        }
        this.bus = new BluezBus(conn);
        this.loop = new BluezEventLoop(config, b.clock, b.sink, b.advertisements, b.listener, bus, b.threads);
        this.objects = loop.objects;
        this.agent = new PairingAgent(config.agentPath(), window, b.passkeys, this::addressOfPath,
                loop.lifecycle::bluezOwner);
        try {
            conn.exportObject(config.agentPath(), agent);
            signalHandlers.addAll(loop.subscribeSignals());
            loop.call(() -> {
                loop.lifecycle.initialise();
                return null;
            }, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), "initialising against BlueZ");
        } catch (DBusException | BleLinkException | RuntimeException e) {
            close();
            throw new BleLinkException("cannot initialise BlueZ link", null, e);
        }
    }

    public static Builder builder(BleLinkConfig config) {
        return new Builder(config);
    }

    private long deadline(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    // ------------------------------------------------------------------ discovery

    /** Starts LE discovery for devices advertising any of {@code serviceUuids} (all devices if empty). */
    public void startDiscovery(Collection<String> serviceUuids) throws BleLinkException {
        Set<String> uuids = Set.copyOf(serviceUuids.stream().map(GattUuid::normalize).toList());
        loop.call(() -> {
            loop.lifecycle.startDiscovery(uuids);
            return null;
        }, deadline(gattTimeout), "StartDiscovery");
    }

    public void stopDiscovery() throws BleLinkException {
        loop.call(() -> {
            loop.lifecycle.stopDiscovery();
            return null;
        }, deadline(gattTimeout), "StopDiscovery");
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
        long deadline = deadline(timeout);
        try {
            if (!connectPermit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BleLinkException.Timeout("another connection attempt is still running on "
                        + config.adapter());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BleLinkException("interrupted", null, e);
        }
        BluezEventLoop.ConnectTicket ticket = null;
        try {
            requireBluez();
            ticket = loop.call(() -> loop.beginConnect(address), deadline, "connect " + address);
            String path = ticket.path();
            Device1 device = bus.remote(path, Device1.class);
            awaitConnect(bus.call(device, "Connect"), deadline, timeout, address, device);
            BluezBus.await(ticket.resolved(), deadline, "ServicesResolved " + address, () -> cancelConnect(device));
            BleConnection c = loop.call(() -> loop.register(this, address, path), deadline, "connect " + address);
            LOG.info("connected to {} ({} characteristics)", address, c.characteristics().size());
            return c;
        } finally {
            if (ticket != null) {
                BluezEventLoop.ConnectTicket t = ticket;
                loop.execute(() -> loop.endConnect(t));
            }
            connectPermit.release();
        }
    }

    /**
     * Waits for {@code Connect()}. Why the yield: an LE connection to a device that does not answer only fails after
     * the kernel's connection timeout ({@code le-connection-abort-by-local}); holding the adapter's single connect
     * permit that long would starve every other device. Once an attempt has had its fair share (a third of its
     * deadline, at most {@link #CONNECT_FAIR_SHARE}) and another attempt waits for the permit, it is cancelled
     * (BlueZ answers {@code br-connection-canceled}) and fails as a timeout.
     */
    private void awaitConnect(CompletableFuture<Object> f, long deadline, Duration timeout, String address,
                              Device1 device) throws BleLinkException {
        long started = System.nanoTime();
        long fairShare = Math.min(timeout.toNanos() / 3, CONNECT_FAIR_SHARE.toNanos());
        while (true) {
            long now = System.nanoTime();
            long slice = Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(100));
            try {
                BluezBus.await(f, slice, "Connect " + address, () -> { });
                return;
            } catch (BleLinkException.Timeout t) {
                now = System.nanoTime();
                if (now - deadline >= 0) {
                    cancelConnect(device);
                    throw new BleLinkException.Timeout("Connect " + address + " did not finish before the deadline");
                }
                if (connectPermit.hasQueuedThreads() && now - started > fairShare) {
                    cancelConnect(device);
                    throw new BleLinkException.Timeout("Connect " + address + " gave the adapter to a waiting"
                            + " connection after " + Duration.ofNanos(now - started).toMillis() + " ms");
                }
            }
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
     * Pairs (bonds) with {@code address} and marks it Trusted. Allowed only while the provisioning window is open
     * (or once after {@link #removeLostBond} for that device); the device must have been discovered. Already paired
     * is success. BlueZ reports every agent refusal as {@code AuthenticationFailed}; the exception then says what
     * our agent refused.
     */
    public void pair(String address, Duration timeout) throws BleLinkException {
        if (!window.isOpen() && !repairAllowed.remove(address)) {
            throw new BleLinkException("pairing refused: provisioning window is closed");
        }
        requireBluez();
        long deadline = deadline(timeout);
        String path = devicePath(address);
        Device1 device = bus.remote(path, Device1.class);
        agent.takeRefusal(address);
        try {
            BluezBus.await(bus.call(device, "Pair"), deadline, "Pair " + address, () -> { });
        } catch (BleLinkException.Timeout e) {
            // Why not CancelPairing at once: with no pairing in progress BlueZ 5.66 removes the device's bond
            // (src/device.c cancel_pairing), so a pairing that completed just before the deadline would be lost.
            if (!pairedNow(path)) {
                cancelPairing(device);
                throw e;
            }
            LOG.info("pairing with {} completed at its deadline; bond kept", address);
        } catch (BleLinkException e) {
            if (e.errorName().filter("org.bluez.Error.AlreadyExists"::equals).isPresent()) {
                LOG.debug("{} is already paired", address);
            } else {
                java.util.Optional<String> why = agent.takeRefusal(address);
                if (why.isPresent()) {
                    throw new BleLinkException("Pair " + address + " failed: " + why.get(),
                            e.errorName().orElse(null), e);
                }
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

    private boolean pairedNow(String path) {
        try {
            Object paired = BluezBus.await(bus.call(bus.properties(path), "Get", BluezObjects.DEVICE, "Paired"),
                    deadline(Duration.ofSeconds(2)), "Get Paired", () -> { });
            return DbusValues.bool(paired);
        } catch (BleLinkException e) {
            return false;
        }
    }

    private void cancelPairing(Device1 device) {
        try {
            device.CancelPairing();
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("CancelPairing: {}", e.toString());
        }
    }

    /**
     * The device lost its bond (it asks to pair again, and BlueZ refuses a Just Works re-pairing while the device
     * is paired: main.conf {@code JustWorksRepairing = never}). Removes the device and its stale bond from BlueZ
     * and allows one pairing with it outside the provisioning window; the device must be discovered again.
     */
    public void removeLostBond(String address) throws BleLinkException {
        removeDevice(address);
        repairAllowed.add(address);
        LOG.warn("{} lost its bond: removed from BlueZ, it is paired again on its next visit", address);
    }

    /** Whether BlueZ reports {@code address} as paired (bonded). */
    public boolean isPaired(String address) {
        return objects.devicePath(config.adapterPath(), address)
                .flatMap(p -> objects.prop(p, BluezObjects.DEVICE, "Paired"))
                .map(DbusValues::bool).orElse(false);
    }

    /** Removes the device and its bond from BlueZ (a stale bond is the usual fix for devices that stop pairing). */
    public void removeDevice(String address) throws BleLinkException {
        String path = devicePath(address);
        requireBluez();
        try {
            bus.remote(config.adapterPath(), org.bluez.Adapter1.class).RemoveDevice(new DBusPath(path));
        } catch (DBusException | DBusExecutionException e) {
            throw new BleLinkException("RemoveDevice " + address + " failed", BluezErrors.name(e), e);
        }
    }

    // ------------------------------------------------------------------ GATT (called by BleConnection)

    /**
     * ReadValue under the GATT deadline. Why the checks: a read in flight when the link drops can complete as
     * success with an empty or truncated value (BlueZ 5.66 {@code src/gatt-client.c}, the pending request is
     * answered on disconnect), so an empty value is refused and the link must still be up after the reply.
     */
    Bytes readValue(BleConnection c, String charPath) throws BleLinkException {
        long deadline = deadline(gattTimeout);
        GattCalls ch = bus.remote(charPath, GattCalls.class);
        Object v = BluezBus.await(bus.call(ch, "ReadValue", new HashMap<String, Variant<?>>()), deadline,
                "ReadValue on " + c.address(), () -> { });
        Bytes value = DbusValues.bytes(v).orElseThrow(() -> new BleLinkException("ReadValue on " + c.address()
                + " returned no value"));
        if (value.size() == 0) {
            throw new BleLinkException("ReadValue on " + c.address() + " returned an empty value (link lost?)");
        }
        requireStillConnected(c, deadline, "ReadValue");
        return value;
    }

    /**
     * WriteValue under the GATT deadline. A write with response is confirmed only when the link is still up after
     * the reply (a write in flight when the link drops can be answered as success).
     */
    void writeValue(BleConnection c, String charPath, Bytes value, WriteMode mode) throws BleLinkException {
        long deadline = deadline(gattTimeout);
        GattCalls ch = bus.remote(charPath, GattCalls.class);
        HashMap<String, Variant<?>> options = new HashMap<>();
        options.put("type", new Variant<>(mode.bluezType()));
        BluezBus.await(bus.call(ch, "WriteValue", value.toByteArray(), options), deadline,
                "WriteValue on " + c.address(), () -> { });
        if (mode == WriteMode.WITH_RESPONSE) {
            requireStillConnected(c, deadline, "WriteValue");
        }
    }

    /** bluetoothd answers in order: a Get after the GATT reply sees a link loss that happened before the reply. */
    private void requireStillConnected(BleConnection c, long deadline, String what) throws BleLinkException {
        Object connected = BluezBus.await(bus.call(bus.properties(c.devicePath()), "Get", BluezObjects.DEVICE,
                "Connected"), deadline, what + " check on " + c.address(), () -> { });
        if (!DbusValues.bool(connected)) {
            throw new BleLinkException(what + " on " + c.address() + " answered while the link went down");
        }
    }

    void startNotify(BleConnection c, String charPath, String uuid) throws BleLinkException {
        long deadline = deadline(gattTimeout);
        // route first: a device may indicate stored readings the moment notifications are on
        loop.call(() -> {
            loop.router.add(charPath, c.address(), uuid);
            return null;
        }, deadline, "StartNotify");
        try {
            BluezBus.await(bus.call(bus.remote(charPath, GattCalls.class), "StartNotify"), deadline,
                    "StartNotify " + uuid + " on " + c.address(), () -> { });
        } catch (BleLinkException e) {
            loop.execute(() -> loop.router.remove(charPath));
            throw e;
        }
    }

    void stopNotify(String charPath) throws BleLinkException {
        try {
            BluezBus.await(bus.call(bus.remote(charPath, GattCalls.class), "StopNotify"), deadline(gattTimeout),
                    "StopNotify", () -> { });
        } finally {
            loop.execute(() -> loop.router.remove(charPath));
        }
    }

    void disconnect(BleConnection c) {
        try {
            BluezBus.await(bus.call(bus.remote(c.devicePath(), Device1.class), "Disconnect"), deadline(gattTimeout),
                    "Disconnect " + c.address(), () -> { });
        } catch (BleLinkException e) {
            LOG.debug("Disconnect {}: {}", c.address(), e.toString());
        }
        loop.execute(() -> loop.forget(c));
        c.markClosed();
    }

    // ------------------------------------------------------------------ helpers

    /** Advertisement updates merged into a waiting one of the same device (not queued one by one). */
    long coalescedAdvertisements() {
        return loop.coalescedAdvertisements();
    }

    private String devicePath(String address) throws BleLinkException {
        return objects.devicePath(config.adapterPath(), address)
                .orElseThrow(() -> new BleLinkException("unknown device " + address + " (not discovered)"));
    }

    private String addressOfPath(String devicePath) {
        return objects.address(devicePath).orElseGet(() -> {
            int i = devicePath.lastIndexOf("/dev_");
            return i < 0 ? devicePath : devicePath.substring(i + 5).replace('_', ':');
        });
    }

    private void requireBluez() throws BleLinkException {
        if (loop.lifecycle.bluezOwner() == null) {
            throw new BleLinkException("BlueZ is not running");
        }
    }

    /** Stops discovery, unregisters the agent, closes the bus connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop != null && loop.lifecycle.bluezOwner() != null && conn != null) {
            try {
                stopDiscovery();
            } catch (BleLinkException e) {
                LOG.debug("close: {}", e.toString());
            }
            try {
                conn.getRemoteObject(BluezBus.BLUEZ, "/org/bluez", AgentManager1.class)
                        .UnregisterAgent(new DBusPath(config.agentPath()));
            } catch (DBusException | DBusExecutionException e) {
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
        if (loop != null) {
            loop.close();
        }
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
        private Duration gattTimeout = Duration.ofSeconds(10);
        private ThreadFactory threads = r -> {
            Thread t = new Thread(r, "ble-events");
            t.setDaemon(true);
            return t;
        };

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

        /** Deadline of each GATT read, write and (un)subscribe; default 10 s. */
        public Builder gattTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("gattTimeout must be positive: " + timeout);
            }
            this.gattTimeout = timeout;
            return this;
        }

        /** Makes the {@code ble-events} thread (the composition root passes {@code app.Threads}). */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
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
