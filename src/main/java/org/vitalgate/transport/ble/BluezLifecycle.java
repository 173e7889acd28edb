package org.vitalgate.transport.ble;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bluez.Adapter1;
import org.bluez.AgentManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bluetoothd's and the adapter's lifecycle as the link follows it: who owns {@code org.bluez}, (re)loading the
 * object mirror, registering the pairing agent, powering the adapter, and keeping discovery running.
 *
 * <pre>
 *   no owner ──NameOwnerChanged(new)──► initialise: mirror ← GetManagedObjects, RegisterAgent, RequestDefaultAgent
 *      ▲                                     │ adapter present and powered
 *      │ NameOwnerChanged(old gone)          ▼
 *      └──────────────────────────────── adapter ready: SetDiscoveryFilter + StartDiscovery (if wanted)
 *                                              │ Discovering=false while wanted, or StartDiscovery refused
 *                                              └──► restart discovery after {@link #DISCOVERY_RETRY_MS}
 * </pre>
 *
 * Why discovery is watched, not trusted: when the kernel fails to start a scan, bluetoothd answers
 * {@code StartDiscovery} with {@code org.bluez.Error.InProgress} and drops the client's discovery session
 * (BlueZ 5.66 {@code src/adapter.c}, {@code start_discovery_complete}); a session also ends with the adapter's
 * power. Only the adapter's {@code Discovering} property says whether we are scanning.
 *
 * <p>Confined to the {@code ble-events} thread, except {@link #bluezOwner()} (volatile).
 */
final class BluezLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(BluezLifecycle.class);
    static final long DISCOVERY_RETRY_MS = 1000;

    /** What the lifecycle tells its event loop. */
    interface Hooks {
        void allConnectionsLost();

        void bluezGone();
    }

    private final BleLinkConfig config;
    private final BluezBus bus;
    private final BluezObjects objects;
    private final BleLinkListener listener;
    private final ScheduledExecutorService events;
    private final Hooks hooks;
    private volatile String bluezOwner;
    private Set<String> discoveryUuids; // null: discovery not wanted
    private ScheduledFuture<?> discoveryRetry;
    private int discoveryRestarts;

    BluezLifecycle(BleLinkConfig config, BluezBus bus, BluezObjects objects, BleLinkListener listener,
                   ScheduledExecutorService events, Hooks hooks) {
        this.config = config;
        this.bus = bus;
        this.objects = objects;
        this.listener = listener;
        this.events = events;
        this.hooks = hooks;
    }

    /** The unique bus name currently owning {@code org.bluez}, or null. Any thread. */
    String bluezOwner() {
        return bluezOwner;
    }

    boolean discoveryWanted() {
        return discoveryUuids != null;
    }

    /** How often discovery had to be restarted because BlueZ stopped it. */
    int discoveryRestarts() {
        return discoveryRestarts;
    }

    void onOwnerChanged(String oldOwner, String newOwner) {
        if (oldOwner != null && !oldOwner.isEmpty()) {
            bluezDown();
        }
        if (newOwner != null && !newOwner.isEmpty()) {
            initialise();
        }
    }

    void initialise() {
        String owner;
        try {
            owner = bus.connection().getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .GetNameOwner(BluezBus.BLUEZ);
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("BlueZ (org.bluez) is not on the bus; waiting for it");
            bluezOwner = null;
            return;
        }
        bluezOwner = owner;
        objects.clear();
        try {
            ObjectManager om = bus.connection().getRemoteObject(BluezBus.BLUEZ, "/", ObjectManager.class);
            om.GetManagedObjects().forEach((path, ifaces) ->
                    ifaces.forEach((iface, props) -> objects.put(path.getPath(), iface, props)));
            AgentManager1 agents = bus.connection().getRemoteObject(BluezBus.BLUEZ, "/org/bluez",
                    AgentManager1.class);
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
        cancelDiscoveryRetry();
        hooks.allConnectionsLost();
        hooks.bluezGone();
        objects.clear();
        listener.onBluezAvailable(false);
    }

    void onAdapterAdded() {
        LOG.info("adapter {} appeared", config.adapter());
        setupAdapter();
    }

    void onAdapterRemoved() {
        LOG.warn("adapter {} removed", config.adapter());
        cancelDiscoveryRetry();
        hooks.allConnectionsLost();
        listener.onAdapterReady(false);
    }

    /** Adapter1 properties changed (already merged into the mirror). */
    void onAdapterChanged(Map<String, Variant<?>> changed) {
        if (changed.containsKey("Powered")) {
            if (DbusValues.bool(changed.get("Powered"))) {
                LOG.info("adapter {} powered on", config.adapter());
                setupAdapter();
            } else {
                LOG.warn("adapter {} powered off", config.adapter());
                cancelDiscoveryRetry();
                hooks.allConnectionsLost();
                listener.onAdapterReady(false);
            }
            return;
        }
        if (changed.containsKey("Discovering") && !DbusValues.bool(changed.get("Discovering"))
                && discoveryWanted() && adapterPowered()) {
            discoveryRestarts++;
            // rate-limited: the first stop and then every 100th is logged, with the count
            if (discoveryRestarts == 1 || discoveryRestarts % 100 == 0) {
                LOG.warn("BlueZ stopped discovery on {} ({} time(s)); restarting it", config.adapter(),
                        discoveryRestarts);
            }
            scheduleDiscoveryRetry();
        }
    }

    private boolean adapterPowered() {
        return objects.prop(config.adapterPath(), BluezObjects.ADAPTER, "Powered").map(DbusValues::bool)
                .orElse(false);
    }

    private void setupAdapter() {
        String adapterPath = config.adapterPath();
        if (!objects.has(adapterPath, BluezObjects.ADAPTER)) {
            LOG.warn("adapter {} not present; waiting for it", config.adapter());
            return;
        }
        try {
            if (!adapterPowered() && config.powerOnAdapter()) {
                bus.properties(adapterPath).Set(BluezObjects.ADAPTER, "Powered", new Variant<>(true));
                return; // Powered=true arrives as a signal and brings us back here
            }
            if (!adapterPowered()) {
                LOG.warn("adapter {} is powered off; waiting", config.adapter());
                return;
            }
            if (discoveryUuids != null) {
                applyDiscovery();
            }
            listener.onAdapterReady(true);
        } catch (DBusExecutionException | BleLinkException e) {
            LOG.warn("adapter {} setup failed: {}", config.adapter(), e.toString());
        }
    }

    /** Wants discovery with {@code uuids} (empty: all devices) and starts it if BlueZ and the adapter are there. */
    void startDiscovery(Set<String> uuids) throws BleLinkException {
        discoveryUuids = Set.copyOf(uuids);
        if (bluezOwner == null) {
            throw new BleLinkException("BlueZ is not running");
        }
        applyDiscovery();
    }

    /** No longer wants discovery; stops our session. */
    void stopDiscovery() throws BleLinkException {
        discoveryUuids = null;
        cancelDiscoveryRetry();
        if (bluezOwner == null) {
            return;
        }
        try {
            bus.remote(config.adapterPath(), Adapter1.class).StopDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            String name = BluezErrors.name(e);
            if (!name.equals("org.bluez.Error.Failed") && !name.equals("org.bluez.Error.NotReady")) {
                throw new BleLinkException("StopDiscovery failed", name, e);
            }
        }
    }

    private void applyDiscovery() throws BleLinkException {
        Map<String, Variant<?>> filter = new LinkedHashMap<>();
        filter.put("Transport", new Variant<>("le"));
        // duplicates on: sessions start on a device's advertisements, and RSSI keeps being reported (the link
        // coalesces them per device, so a busy neighbourhood costs one queued report per device, not one per packet)
        filter.put("DuplicateData", new Variant<>(true));
        if (!discoveryUuids.isEmpty()) {
            filter.put("UUIDs", new Variant<>(discoveryUuids.stream().sorted().toArray(String[]::new), "as"));
        }
        Adapter1 adapter = bus.remote(config.adapterPath(), Adapter1.class);
        try {
            adapter.SetDiscoveryFilter(filter);
            adapter.StartDiscovery();
        } catch (DBusException | DBusExecutionException e) {
            String name = BluezErrors.name(e);
            if ("org.bluez.Error.InProgress".equals(name) || "org.bluez.Error.Busy".equals(name)) {
                // either our session runs already, or the start failed and BlueZ dropped the session: look again
                scheduleDiscoveryRetryIfIdle();
                return;
            }
            throw new BleLinkException("cannot start discovery", name, e);
        }
    }

    private void scheduleDiscoveryRetryIfIdle() {
        scheduleDiscoveryRetry();
    }

    private void scheduleDiscoveryRetry() {
        if (discoveryRetry != null && !discoveryRetry.isDone()) {
            return;
        }
        discoveryRetry = events.schedule(this::retryDiscovery, DISCOVERY_RETRY_MS, TimeUnit.MILLISECONDS);
    }

    private void retryDiscovery() {
        discoveryRetry = null;
        if (!discoveryWanted() || bluezOwner == null || !adapterPowered()) {
            return;
        }
        boolean discovering = objects.prop(config.adapterPath(), BluezObjects.ADAPTER, "Discovering")
                .map(DbusValues::bool).orElse(false);
        if (discovering) {
            return;
        }
        try {
            try {
                bus.remote(config.adapterPath(), Adapter1.class).StopDiscovery(); // drop a half-open session
            } catch (DBusException | DBusExecutionException e) {
                LOG.debug("StopDiscovery before restart: {}", e.toString());
            }
            applyDiscovery();
        } catch (BleLinkException | RuntimeException e) {
            LOG.debug("discovery restart failed: {}", e.toString());
            scheduleDiscoveryRetry();
        }
    }

    private void cancelDiscoveryRetry() {
        if (discoveryRetry != null) {
            discoveryRetry.cancel(false);
            discoveryRetry = null;
        }
    }
}
