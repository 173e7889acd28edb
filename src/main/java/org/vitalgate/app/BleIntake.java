package org.vitalgate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.config.ProvisionedDevice;
import org.vitalgate.ingest.ProvisionedDirectory;
import org.vitalgate.ingest.ProvisionedTargets;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileException;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.profile.ProfileMatcher;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventType;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreException;
import org.vitalgate.transport.FrameSink;
import org.vitalgate.transport.ble.BleLinkConfig;
import org.vitalgate.transport.ble.BleLinkException;
import org.vitalgate.transport.ble.BleLinkListener;
import org.vitalgate.transport.ble.BleSessionManager;
import org.vitalgate.transport.ble.BluezBleLink;
import org.vitalgate.transport.ble.PasskeyProvider;
import org.vitalgate.transport.ble.ProvisioningWindow;
import org.vitalgate.transport.ble.SessionEvent;

/**
 * The BLE path of the agent: BlueZ link + device sessions for the provisioned devices, frames to ingest.
 * When the bus cannot be reached it logs one WARN and retries every {@link #RETRY} on its {@code ble-connect}
 * thread; once connected, BlueZ restarts and adapter loss are recovered by the link itself. Created, started and
 * closed by the {@link Agent}; {@link #close()} may be called from any thread, also while connecting.
 */
final class BleIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BleIntake.class);
    static final Duration RETRY = Duration.ofSeconds(30);

    private final BleLinkConfig linkConfig;
    private final BleSessionManager sessions;
    private final FrameSink ingest;
    private final ProfileMatcher matcher;
    private final ProvisioningWindow window;
    private final PasskeyProvider passkeys;
    private final ScheduledExecutorService connector;
    private volatile BluezBleLink link;
    private volatile boolean warned;
    private volatile boolean closed;

    BleIntake(BleLinkConfig linkConfig, BleOptions options, Clock clock, ZoneId zone, SqliteStore store,
              ProvisionedDirectory directory, List<DeviceProfile> profiles, FrameSink ingest,
              Supplier<String> eventIds, Supplier<org.vitalgate.reading.HubClock> hubClock) {
        this.linkConfig = Objects.requireNonNull(linkConfig, "linkConfig");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.matcher = new ProfileMatcher(profiles);
        this.window = new ProvisioningWindow(clock);
        this.passkeys = options.passkeys();
        this.connector = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Threads.named("ble-connect"));
        ProvisionedTargets targets = new ProvisionedTargets(directory, matcher, store, clock, eventIds,
                Duration.ofMinutes(10), hubClock);
        this.sessions = new BleSessionManager(options.policy(), clock, zone, targets, address -> {
            try {
                return store.lastRecordNumber(address);
            } catch (StoreException e) {
                // asking for all records is safe: re-sent records are dropped by their dedup key
                LOG.warn("record pointer of {} unreadable ({}); asking for all records", address, e.getMessage());
                return OptionalLong.empty();
            }
        }, event -> onSessionEvent(event, store, eventIds, clock));
    }

    /** Where ingest pushes back: the device sessions pause memory fetches while ingest is behind. */
    org.vitalgate.transport.FlowControl flowControl() {
        return sessions.flowControl();
    }

    /** The pairing window (closed by default; the CLI opens it while a technician pairs a device). */
    ProvisioningWindow window() {
        return window;
    }

    /**
     * Opens the link on the {@code ble-connect} thread (never blocking the caller: connecting to a bus that is not
     * there can take dbus-java seconds), and keeps retrying every {@link #RETRY} until the bus is there.
     */
    void start() {
        connector.execute(this::attempt);
    }

    private void attempt() {
        if (!tryOpen() && !closed) {
            try {
                connector.schedule(this::attempt, RETRY.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    /** On the ble-connect thread. True when done (open, or closed meanwhile). */
    private boolean tryOpen() {
        if (closed || link != null) {
            return true;
        }
        String where = linkConfig.busAddress().orElse("the system bus");
        try {
            Optional<String> missing = missingSystemBus();
            if (missing.isPresent()) {
                throw new BleLinkException(missing.get());
            }
            BluezBleLink l = BluezBleLink.builder(linkConfig)
                    .frameSink(sessions.frameSink(ingest))
                    .advertisementListener(sessions.advertisementListener(a -> { }))
                    .linkListener(sessions.linkListener(new BleLinkListener() {
                        @Override
                        public void onBluezAvailable(boolean available) {
                            if (available) {
                                LOG.info("BlueZ is available on {}", where);
                            } else {
                                LOG.warn("BlueZ (org.bluez) went away on {}: no BLE devices until it is back", where);
                            }
                        }

                        @Override
                        public void onAdapterReady(boolean ready) {
                            LOG.info("Bluetooth adapter {} {}", linkConfig.adapter(), ready ? "ready" : "not ready");
                        }
                    }))
                    .provisioningWindow(window)
                    .passkeyProvider(passkeys)
                    .threadFactory(Threads.named("ble-events"))
                    .open();
            synchronized (this) {
                if (closed) {
                    l.close();
                    return true;
                }
                link = l;
            }
            sessions.start(l);
            try {
                if (!matcher.unfilterableProfiles().isEmpty()) {
                    LOG.warn("profiles {} name no service UUID: discovery runs unfiltered (every neighbour's"
                            + " advertisements reach the hub); give them match.serviceUuids or a characteristic"
                            + " service", matcher.unfilterableProfiles());
                }
                l.startDiscovery(matcher.discoveryServiceUuids());
            } catch (BleLinkException e) {
                // remembered by the link: discovery starts when BlueZ appears
                LOG.warn("BlueZ (org.bluez) is not running on {} ({}): BLE devices are collected once it is",
                        where, e.getMessage());
            }
            LOG.info("BLE intake started on {} (adapter {})", where, linkConfig.adapter());
            return true;
        } catch (BleLinkException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("BLE unavailable: cannot reach D-Bus/BlueZ on {} ({}); the agent keeps running and retries"
                        + " every {} s", where, rootMessage(e), RETRY.toSeconds());
            } else {
                LOG.debug("BLE retry failed: {}", e.toString());
            }
            return false;
        }
    }

    /** Fails fast where dbus-java would wait for a system bus socket that does not exist. */
    private Optional<String> missingSystemBus() {
        if (linkConfig.busAddress().isPresent() || System.getenv("DBUS_SYSTEM_BUS_ADDRESS") != null) {
            return Optional.empty();
        }
        Path socket = Path.of("/run/dbus/system_bus_socket");
        return Files.exists(socket) || Files.exists(Path.of("/var/run/dbus/system_bus_socket")) ? Optional.empty()
                : Optional.of("no system bus: " + socket + " does not exist");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
    }

    private static void onSessionEvent(SessionEvent e, SqliteStore store, Supplier<String> ids, Clock clock) {
        if (e instanceof SessionEvent.Bonded b) {
            store.recordEvent(new Event(ids.get(), EventType.DEVICE_PAIRED, clock.instant(), Map.of("address", b.address())));
        } else if (e instanceof SessionEvent.BondLost l) {
            store.recordEvent(new Event(ids.get(), EventType.DEVICE_BOND_LOST, clock.instant(),
                    Map.of("address", l.address(), "action", "removed; paired again on its next visit")));
        } else if (e instanceof SessionEvent.Connected c) {
            LOG.info("session with {} ({}) connected", c.address(), c.profileId());
        } else if (e instanceof SessionEvent.Disconnected d) {
            LOG.info("session with {} ended after {} frames", d.address(), d.framesReceived());
        }
    }

    /** Stops connecting, then the sessions (disconnecting devices), then the link. Idempotent. */
    @Override
    public void close() {
        BluezBleLink l;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            l = link;
        }
        connector.shutdownNow();
        sessions.close();
        if (l != null) {
            l.close();
        }
    }

    // ------------------------------------------------------------------ wiring helpers

    /**
     * Loads the profiles in {@code dir}. A missing or unreadable directory is an error (the agent does not start);
     * invalid profiles are logged with every problem and skipped, so one bad file does not stop the others.
     */
    static List<DeviceProfile> loadProfiles(Path dir, Set<String> codecIds) {
        ProfileLoader loader = new ProfileLoader(codecIds);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("device profile directory " + dir.toAbsolutePath()
                    + " does not exist or is not a directory (profilesDir in the config)");
        }
        try {
            return loader.loadDirectory(dir);
        } catch (ProfileException e) {
            LOG.error("invalid device profiles in {} (skipped; devices using them are not collected):\n  {}", dir,
                    String.join("\n  ", e.errors()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read device profiles in " + dir.toAbsolutePath() + ": " + e, e);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read device profiles in " + dir.toAbsolutePath() + ": " + e, e);
        }
        List<DeviceProfile> good = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Path f : files) {
            try {
                DeviceProfile p = loader.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                if (ids.add(p.id())) {
                    good.add(p);
                }
            } catch (ProfileException | IOException e) {
                LOG.debug("skipping {}: {}", f, e.getMessage());
            }
        }
        return List.copyOf(good);
    }

    /**
     * Writes the devices listed in the config file into the store: for these addresses the config wins over
     * earlier assignments (made by the CLI or an older config). One assignment per address: a second entry for the
     * same address (another user slot) is not provisioned and logged as an error.
     */
    static void provisionFromConfig(List<ProvisionedDevice> devices, SqliteStore store,
                                    Set<String> loadedProfileIds) throws StoreException {
        Set<String> done = new java.util.HashSet<>();
        for (ProvisionedDevice d : devices) {
            if (!done.add(d.address())) {
                LOG.error("config lists {} more than once (user slots); only the first entry is provisioned:"
                        + " one assignment per device is supported", d.address());
                continue;
            }
            if (!loadedProfileIds.contains(d.profileId())) {
                LOG.warn("device {} uses profile '{}', which is not loaded: its data is not collected",
                        d.address(), d.profileId());
            }
            store.provision(d.address(), d.profileId(), d.patientKey(), d.userSlot());
        }
    }
}
