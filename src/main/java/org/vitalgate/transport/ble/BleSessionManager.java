package org.vitalgate.transport.ble;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.profile.ConnectAction;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.FrameSink;
import org.vitalgate.transport.RawFrame;

/**
 * Runs one session per provisioned device, driven by its advertisements and its profile's transport-level
 * facts (bonding, on-connect actions, quirks):
 *
 * <pre>
 *            advertisement of a target, not cooling down / backing off
 *   IDLE ───────────────────────────────────────────────────────────────► RUNNING
 *    ▲                     connect → bond if required → set clock → subscribe → read → RACP request
 *    │ failure: Failed(stage), disconnect, retry after backoff (doubling)        │ all steps done
 *    │                                                                           ▼
 *    └──── device disconnected │ idle timeout │ RACP response (unless the ── COLLECTING
 *          device disconnects itself): Disconnected, cooldown
 * </pre>
 *
 * All steps run on one {@code ble-session} thread, so there is at most one connection attempt at a time on the
 * adapter (the link enforces that too). Frames pass through {@link #frameSink} untouched; the manager only
 * watches them for idleness and the RACP end of transfer. The bytes it writes (clock, RACP request) and the RACP
 * response it waits for are encoded/recognised by the {@link SessionTarget}'s functions, so this package never
 * handles characteristic layouts. Hooks from the link must be wired through
 * {@link #frameSink}, {@link #advertisementListener} and {@link #linkListener}; they only enqueue. Thread-safe.
 */
public final class BleSessionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BleSessionManager.class);

    private enum Phase { IDLE, RUNNING, COLLECTING }

    /** Per-device state; confined to the ble-session thread. */
    private static final class DeviceState {
        final String address;
        Phase phase = Phase.IDLE;
        boolean deviceInformationRead;
        DeviceProfile profile;
        SessionTarget target;
        String racpUuid;
        BleConnection connection;
        int failures;
        Instant notBefore = Instant.MIN;
        Instant lastFrameAt = Instant.MIN;
        int frames;
        boolean racpPending;
        ScheduledFuture<?> idleCheck;
        long connectionNumber;

        DeviceState(String address) {
            this.address = address;
        }
    }

    private final SessionPolicy policy;
    private final Clock clock;
    private final ZoneId zone;
    private final SessionTargets targets;
    private final RecordPointerSource pointers;
    private final SessionListener listener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ble-session");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, DeviceState> states = new HashMap<>();
    private final Map<String, Advertisement> pendingAds = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile BluezBleLink link;
    private volatile FrameSink downstream = f -> { };
    private volatile boolean fetchesPaused;
    private final FetchPause fetchPause = new FetchPause();
    /** Numbers each connection, so that ingest applies a device clock learned on a connection to it alone. */
    private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Long> connectionOf = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param zone the household's time zone: the hub time handed to {@link SessionTarget#clockValue()}
     */
    public BleSessionManager(SessionPolicy policy, Clock clock, ZoneId zone, SessionTargets targets,
                             RecordPointerSource pointers, SessionListener listener) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.pointers = Objects.requireNonNull(pointers, "pointers");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The sink to give the link: forwards every frame to {@code next}, numbered with the device's current
     * connection, and lets the manager watch it.
     */
    public FrameSink frameSink(FrameSink next) {
        Objects.requireNonNull(next, "next");
        this.downstream = next;
        return f -> {
            RawFrame numbered = f.inConnection(connectionOf.getOrDefault(f.deviceAddress(), 0L));
            submit(() -> onFrame(numbered));
            next.accept(numbered);
        };
    }

    /**
     * The listener to give the link. Advertisements are coalesced per address: while one of a device waits for the
     * {@code ble-session} thread (busy connecting another device), newer ones replace it instead of queueing.
     */
    public AdvertisementListener advertisementListener(AdvertisementListener next) {
        Objects.requireNonNull(next, "next");
        return a -> {
            if (pendingAds.put(a.address(), a) == null) {
                submit(() -> {
                    Advertisement latest = pendingAds.remove(a.address());
                    if (latest != null) {
                        onAdvertisement(latest);
                    }
                });
            }
            next.onAdvertisement(a);
        };
    }

    public BleLinkListener linkListener(BleLinkListener next) {
        Objects.requireNonNull(next, "next");
        return new BleLinkListener() {
            @Override
            public void onDisconnected(String address) {
                submit(() -> onLinkDisconnected(address));
                next.onDisconnected(address);
            }

            @Override
            public void onBluezAvailable(boolean available) {
                next.onBluezAvailable(available);
            }

            @Override
            public void onAdapterReady(boolean ready) {
                next.onAdapterReady(ready);
            }
        };
    }

    /**
     * Back-pressure from ingest: while paused no session starts, a session about to take data ends before it
     * does, and sessions collecting are ended (the devices keep what they did not send; a record pointer only moves
     * for what the store committed). Sessions ended so are retried without cooldown once fetching resumes.
     */
    public org.vitalgate.transport.FlowControl flowControl() {
        return fetchPause;
    }

    /** Starts acting on advertisements through {@code link}. */
    public void start(BluezBleLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    private void submit(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("BLE session task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    // ------------------------------------------------------------------ ble-session thread

    private void onAdvertisement(Advertisement ad) {
        BluezBleLink l = link;
        if (l == null) {
            return;
        }
        if (fetchesPaused) {
            return;
        }
        DeviceState st = states.get(ad.address());
        Instant now = clock.instant();
        if (st != null && (st.phase != Phase.IDLE || now.isBefore(st.notBefore))) {
            return;
        }
        Optional<SessionTarget> target = targets.targetFor(ad);
        if (target.isEmpty()) {
            return;
        }
        if (st == null) {
            st = new DeviceState(ad.address());
            states.put(ad.address(), st);
        }
        st.target = target.get();
        st.profile = target.get().profile();
        run(l, st);
    }

    private void run(BluezBleLink l, DeviceState st) {
        st.phase = Phase.RUNNING;
        st.frames = 0;
        st.racpPending = false;
        st.racpUuid = null;
        SessionEvent.Stage stage = SessionEvent.Stage.CONNECT;
        DeviceProfile p = st.profile;
        try {
            st.connectionNumber = connections.incrementAndGet();
            connectionOf.put(st.address, st.connectionNumber);
            try {
                st.connection = l.connect(st.address, policy.connectTimeout());
            } catch (BleLinkException e) {
                if (p.bonding() == org.vitalgate.profile.Bonding.JUST_WORKS && l.isPaired(st.address)
                        && lostBond(e)) {
                    l.removeLostBond(st.address);
                    listener.onEvent(new SessionEvent.BondLost(st.address, clock.instant()));
                }
                throw e;
            }
            listener.onEvent(new SessionEvent.Connected(st.address, p.id(), clock.instant()));
            if (p.bonding().required() && !l.isPaired(st.address)) {
                stage = SessionEvent.Stage.BOND;
                l.pair(st.address, policy.pairTimeout());
                listener.onEvent(new SessionEvent.Bonded(st.address, clock.instant()));
            }
            readDeviceInformation(st);
            for (ConnectAction action : p.onConnect()) {
                if (fetchesPaused) {
                    fetchPause.endPaused(st);
                    return;
                }
                stage = stageOf(action);
                perform(st, action);
            }
            st.phase = Phase.COLLECTING;
            st.lastFrameAt = clock.instant();
            long period = Math.max(50, Math.min(1000, policy.idleTimeout().toMillis() / 4));
            st.idleCheck = thread.scheduleWithFixedDelay(() -> idleCheck(st), period, period, TimeUnit.MILLISECONDS);
            if (!st.connection.isConnected()) {
                end(st); // the device already sent everything and left
            }
        } catch (BleLinkException | RuntimeException e) {
            fail(st, stage, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Device Information strings (0x180A): manufacturer, model, serial, firmware. */
    private static final List<String> DEVICE_INFORMATION = List.of(GattUuid.of16(0x2A29), GattUuid.of16(0x2A24),
            GattUuid.of16(0x2A25), GattUuid.of16(0x2A26));

    /**
     * Reads the Device Information strings the device has, once per device while the hub runs, before any data
     * step: readings of this very session then carry the device's own make, model, serial and firmware (a generic
     * profile knows none of them). A failed read costs only the identity, never the session.
     */
    private void readDeviceInformation(DeviceState st) {
        if (st.deviceInformationRead) {
            return;
        }
        BleConnection c = st.connection;
        for (String uuid : DEVICE_INFORMATION) {
            if (!c.has(uuid)) {
                continue;
            }
            try {
                Bytes value = c.read(uuid);
                downstream.accept(new RawFrame(st.address, uuid, value, clock.instant(), st.connectionNumber,
                        RawFrame.Kind.RECEIVED));
            } catch (BleLinkException e) {
                LOG.debug("Device Information {} of {} unreadable: {}", uuid, st.address, e.getMessage());
                return;
            }
        }
        st.deviceInformationRead = true;
    }

    /**
     * A connection refused because the device no longer has our keys: it asks to pair again and BlueZ refuses a
     * Just Works re-pairing while the device is paired ({@code JustWorksRepairing = never}).
     */
    private static boolean lostBond(BleLinkException e) {
        String msg = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
        return msg.contains("key-missing") || e.errorName().filter(n -> n.equals("org.bluez.Error.AuthenticationFailed")
                || n.equals("org.bluez.Error.AuthenticationRejected")).isPresent();
    }

    private static SessionEvent.Stage stageOf(ConnectAction a) {
        if (a instanceof ConnectAction.SetClock) {
            return SessionEvent.Stage.SET_CLOCK;
        } else if (a instanceof ConnectAction.Subscribe) {
            return SessionEvent.Stage.SUBSCRIBE;
        } else if (a instanceof ConnectAction.ReadOnce || a instanceof ConnectAction.ReadClock) {
            return SessionEvent.Stage.READ;
        }
        return SessionEvent.Stage.FETCH_RECORDS;
    }

    private void perform(DeviceState st, ConnectAction action) throws BleLinkException {
        BleConnection c = st.connection;
        if (action instanceof ConnectAction.SetClock clockAction) {
            if (st.profile.quirks().doNotOverwriteClock()) {
                return;
            }
            Instant at = clock.instant();
            Bytes value = st.target.clockValue().apply(ZonedDateTime.ofInstant(at, zone));
            c.write(clockAction.uuid(), value, WriteMode.WITH_RESPONSE);
            // the device took the hub's time: on this connection its clock is the hub's (ingest: offset zero)
            downstream.accept(new RawFrame(st.address, GattUuid.normalize(clockAction.uuid()), value, at,
                    st.connectionNumber, RawFrame.Kind.CLOCK_WRITTEN));
        } else if (action instanceof ConnectAction.Subscribe sub) {
            for (String uuid : sub.uuids()) {
                c.subscribe(uuid);
            }
        } else if (action instanceof ConnectAction.ReadOnce read) {
            for (String uuid : read.uuids()) {
                Bytes value = c.read(uuid);
                downstream.accept(new RawFrame(st.address, uuid, value, clock.instant(), st.connectionNumber,
                        RawFrame.Kind.RECEIVED));
            }
        } else if (action instanceof ConnectAction.ReadClock read) {
            readClock(st, read.uuid());
        } else if (action instanceof ConnectAction.RacpFetch fetch) {
            st.racpPending = true;
            st.racpUuid = fetch.controlPoint();
            c.write(fetch.controlPoint(), st.target.racpRequest().apply(pointers.lastCommittedRecord(st.address)),
                    WriteMode.WITH_RESPONSE);
        }
    }

    /** Reads the device clock if it has one; without it (or refused) its readings stay uncorrected. */
    private void readClock(DeviceState st, String uuid) {
        if (!st.connection.has(uuid)) {
            LOG.debug("{} has no clock characteristic {}: its times stay uncorrected", st.address, uuid);
            return;
        }
        try {
            Bytes value = st.connection.read(uuid);
            downstream.accept(new RawFrame(st.address, GattUuid.normalize(uuid), value, clock.instant(),
                    st.connectionNumber, RawFrame.Kind.RECEIVED));
        } catch (BleLinkException e) {
            LOG.info("clock of {} unreadable ({}): its times on this connection stay uncorrected", st.address,
                    e.getMessage());
        }
    }

    private void onFrame(RawFrame f) {
        DeviceState st = states.get(f.deviceAddress());
        if (st == null || st.phase == Phase.IDLE) {
            return;
        }
        st.frames++;
        st.lastFrameAt = clock.instant();
        if (st.racpPending && f.channel().equals(st.racpUuid)) {
            Optional<SessionTarget.RacpEnd> end = st.target.racpEnd().apply(f.payload());
            if (end.isEmpty()) {
                return;
            }
            st.racpPending = false;
            if (!end.get().ok()) {
                fail(st, SessionEvent.Stage.FETCH_RECORDS, "RACP: " + end.get().description());
            } else if (!st.profile.quirks().disconnectsAfterUpload() && st.phase == Phase.COLLECTING) {
                finish(st);
            }
        }
    }

    private void idleCheck(DeviceState st) {
        if (st.phase == Phase.COLLECTING
                && Duration.between(st.lastFrameAt, clock.instant()).compareTo(policy.idleTimeout()) > 0) {
            LOG.info("session with {} idle for {}; disconnecting", st.address, policy.idleTimeout());
            finish(st);
        }
    }

    private void onLinkDisconnected(String address) {
        DeviceState st = states.get(address);
        if (st != null && st.phase == Phase.COLLECTING) {
            if (st.racpPending) {
                // the RACP write's success reply alone proves nothing (a write in flight when the link drops can be
                // answered as success): only the RACP response confirms the transfer
                st.connection = null;
                fail(st, SessionEvent.Stage.FETCH_RECORDS, "link lost before the RACP response");
                return;
            }
            end(st);
        }
    }

    /** We end a successful session. */
    private void finish(DeviceState st) {
        if (st.connection != null) {
            st.connection.disconnect();
        }
        end(st);
    }

    private void end(DeviceState st) {
        cancelIdleCheck(st);
        st.phase = Phase.IDLE;
        st.connection = null;
        st.failures = 0;
        st.notBefore = clock.instant().plus(policy.cooldown());
        listener.onEvent(new SessionEvent.Disconnected(st.address, st.frames, clock.instant()));
    }

    private void fail(DeviceState st, SessionEvent.Stage stage, String reason) {
        cancelIdleCheck(st);
        if (st.connection != null) {
            st.connection.disconnect();
            st.connection = null;
        }
        st.phase = Phase.IDLE;
        st.failures++;
        Instant now = clock.instant();
        st.notBefore = now.plus(policy.backoff(st.failures));
        LOG.warn("session with {} failed at {}: {} (retry not before {})", st.address, stage, reason, st.notBefore);
        listener.onEvent(new SessionEvent.Failed(st.address, stage, reason, st.notBefore, now));
    }

    private static void cancelIdleCheck(DeviceState st) {
        if (st.idleCheck != null) {
            st.idleCheck.cancel(false);
            st.idleCheck = null;
        }
    }

    /** Pauses and resumes fetching; the state is a volatile flag, the session work runs on the ble-session thread. */
    private final class FetchPause implements org.vitalgate.transport.FlowControl {
        private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
        private long pausesSinceLog;     // ble-session thread
        private long lastLog = System.nanoTime() - LOG_INTERVAL_NANOS;

        @Override
        public void pauseFetches() {
            fetchesPaused = true;
            submit(this::paused);
        }

        @Override
        public void resumeFetches() {
            fetchesPaused = false;
            submit(() -> LOG.debug("ingest caught up: device memory fetches go on"));
        }

        private void paused() {
            if (!fetchesPaused) {
                return;
            }
            int ended = 0;
            for (DeviceState st : List.copyOf(states.values())) {
                if (st.phase == Phase.COLLECTING) {
                    endPaused(st);
                    ended++;
                }
            }
            pausesSinceLog++;
            long now = System.nanoTime();
            if (now - lastLog >= LOG_INTERVAL_NANOS) {   // a pause per transition, logged once a minute with counts
                LOG.warn("ingest is behind: device memory fetches paused ({} time(s) since the last report; {} session(s)"
                        + " ended now, their devices keep the rest of their data)", pausesSinceLog, ended);
                pausesSinceLog = 0;
                lastLog = now;
            }
        }

        /** Ends a session for back-pressure: no failure, no cooldown (it is retried once fetching resumes). */
        void endPaused(DeviceState st) {
            cancelIdleCheck(st);
            if (st.connection != null) {
                st.connection.disconnect();
                st.connection = null;
            }
            st.phase = Phase.IDLE;
            st.racpPending = false;
            st.notBefore = clock.instant();
            listener.onEvent(new SessionEvent.Disconnected(st.address, st.frames, clock.instant()));
        }
    }

    @Override
    public void close() {
        link = null;
        try {
            thread.submit(() -> List.copyOf(states.values()).forEach(st -> {
                if (st.connection != null) {
                    st.connection.disconnect();
                }
            })).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing sessions: {}", e.toString());
        }
        thread.shutdownNow();
    }
}
