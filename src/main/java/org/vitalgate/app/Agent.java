package org.vitalgate.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.stream.Collectors;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.gatt.dis.DeviceInformationString;
import org.vitalgate.ingest.DeviceDirectory;
import org.vitalgate.ingest.ProvisionedDirectory;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.transport.ble.BleLinkConfig;
import org.vitalgate.transport.ble.ProvisioningWindow;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.control.RemoteCommands;
import org.vitalgate.ingest.Ingest;
import org.vitalgate.ingest.KnownDevice;
import org.vitalgate.ingest.MapDeviceDirectory;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.reading.Transport;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventType;
import org.vitalgate.store.OutboxStats;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreException;
import org.vitalgate.transport.sim.GattUuids;
import org.vitalgate.transport.sim.SimulatedDeviceInfo;
import org.vitalgate.transport.sim.SimulatedHome;
import org.vitalgate.uplink.ConnectFailure;
import org.vitalgate.uplink.MqttUplink;
import org.vitalgate.uplink.StatusPayloads;
import org.vitalgate.uplink.UplinkListener;
import org.vitalgate.uplink.UplinkState;
import org.vitalgate.uplink.payload.HealthSnapshot;
import org.vitalgate.uplink.payload.JsonV1;

/**
 * The running agent and its composition root: builds the whole object graph from an {@link AgentConfig} in
 * {@link #create}, starts it, and stops it in order (sources, ingest, uplink, store). Not thread-safe: created,
 * started and closed by one owner (the {@code run} or {@code demo} command).
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final JsonV1 json;
    private final Clock clock;
    private final String version;
    private final SqliteStore store;
    private final MqttUplink uplink;
    private final Ingest ingest;
    private final Optional<SimulatedHome> simulation;
    private final Optional<BleIntake> ble;
    private final ScheduledExecutorService housekeeping;
    private final Instant createdAt;
    private boolean closed;

    private Agent(AgentConfig config, JsonV1 json, Clock clock, String version, SqliteStore store, MqttUplink uplink,
                  Ingest ingest, Optional<SimulatedHome> simulation, Optional<BleIntake> ble,
                  ScheduledExecutorService housekeeping) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.version = version;
        this.store = store;
        this.uplink = uplink;
        this.ingest = ingest;
        this.simulation = simulation;
        this.ble = ble;
        this.housekeeping = housekeeping;
        this.createdAt = clock.instant();
    }

    /**
     * Builds the agent. Opens (and if need be quarantines) the store; connects nothing yet. BLE (when
     * {@code ble.enabled}) uses the system bus.
     *
     * @throws StoreException if the store cannot be opened even fresh
     * @throws IllegalStateException if BLE is enabled and the profile directory cannot be read
     */
    public static Agent create(AgentConfig config, Clock clock, ZoneId zone, String version, Threads threads)
            throws StoreException {
        return create(config, clock, zone, version, threads, BleOptions.systemBus());
    }

    /**
     * As {@link #create(AgentConfig, Clock, ZoneId, String, Threads)} with BlueZ reached as {@code bleOptions}
     * says (a private bus for tests and the demo). The devices listed in the config file are written to the
     * store's device table at creation; for those addresses the config file wins over earlier assignments.
     */
    public static Agent create(AgentConfig config, Clock clock, ZoneId zone, String version, Threads threads,
                               BleOptions bleOptions) throws StoreException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bleOptions, "bleOptions");
        CodecRegistry codecs = CodecRegistry.standard();
        List<DeviceProfile> profiles = config.ble().enabled()
                ? BleIntake.loadProfiles(config.profilesDir(), codecs.codecs().stream().map(Codec::id)
                .collect(Collectors.toUnmodifiableSet()))
                : List.of();
        JsonV1 json = new JsonV1(config.hubId());
        ReadingIds eventIds = new ReadingIds(clock);
        SqliteStore store = SqliteStore.open(config.store(), clock, json, json, () -> eventIds.next().value());
        store.quarantinedTo().ifPresent(p -> LOG.warn("the store failed its integrity check and was moved aside to {}"
                + " (kept for analysis); continuing with a fresh store", p));
        try {
            BleIntake.provisionFromConfig(config.devices(), store,
                    profiles.stream().map(DeviceProfile::id).collect(Collectors.toUnmodifiableSet()));
        } catch (StoreException | RuntimeException e) {
            store.close();
            throw e;
        }

        ScheduledExecutorService housekeeping = threads.scheduled("housekeeping");
        HubClockProbe hubClock = HubClockProbe.system();
        hubClock.start(housekeeping); // probes now, then keeps watching (a Pi has no real-time clock)
        Holder<MqttUplink> uplinkRef = new Holder<>();
        RemoteCommands commands = new RemoteCommands(
                (requestId, ok, message, details) -> {
                    Instant now = clock.instant();
                    // transient messages are published at once (or dropped): stamp the publish time here, as the
                    // schemas require it and the uplink stamps only what it takes from the outbox
                    uplinkRef.value.publishTransient("cmd-result/" + requestId, JsonV1.stampPublished(
                            json.commandResult(requestId, ok, message, details, now), now));
                },
                () -> statusFigures(store, uplinkRef.value));
        MqttUplink uplink = new MqttUplink(config.uplink(), store, statusPayloads(json, version, clock),
                (message, publishedAt) -> JsonV1.stampPublished(message.payload().toByteArray(), publishedAt),
                commands::onCommand, uplinkEvents(store, eventIds, clock), clock, hubClock);
        uplinkRef.value = uplink;

        MapDeviceDirectory simulated = new MapDeviceDirectory();
        ProvisionedDirectory provisioned = new ProvisionedDirectory(store, profiles);
        DeviceDirectory directory = new DeviceDirectory() {
            @Override
            public Optional<KnownDevice> lookup(String address) {
                return simulated.lookup(address).or(() -> provisioned.lookup(address));
            }

            @Override
            public void deviceInformation(String address, DeviceInformationString value) {
                provisioned.deviceInformation(address, value);
            }
        };
        Optional<SimulatedHome> simulation = Optional.empty();
        if (config.simulation().enabled()) {
            // the configured interval is per device; the home takes turns among its five devices
            Duration interval = scaled(config.simulation().interval().dividedBy(5), config.simulation().speed());
            SimulatedHome home = new SimulatedHome(clock, zone, interval, clock.millis(), Threads.named("sim-home"));
            home.devices().forEach(d -> simulated.put(simulatedDevice(d, config.simulation().patientKey())));
            simulation = Optional.of(home);
        }
        Ingest ingest = new Ingest(directory, codecs, store, clock, zone, hubClock,
                Threads.named("ingest"),
                Ingest.DEFAULT_QUEUE_BYTES, new Ingest.Listener() {
                    @Override
                    public void accepted(Reading reading) {
                        uplink.signal();
                    }
                });
        Optional<BleIntake> ble = Optional.empty();
        if (config.ble().enabled()) {
            BleLinkConfig d = BleLinkConfig.systemBus();
            BleLinkConfig link = new BleLinkConfig(bleOptions.busAddress(), config.ble().adapter(), d.agentPath(),
                    d.agentCapability(), d.powerOnAdapter());
            ble = Optional.of(new BleIntake(link, bleOptions, clock, zone, store, provisioned, profiles, ingest,
                    () -> eventIds.next().value(), hubClock));
            ingest.addFlowControl(ble.get().flowControl());
        }
        return new Agent(config, json, clock, version, store, uplink, ingest, simulation, ble, housekeeping);
    }

    /** Starts connecting, taking readings and housekeeping. */
    public void start() {
        uplink.start();
        simulation.ifPresent(home -> home.start(ingest));
        ble.ifPresent(BleIntake::start);
        long healthSeconds = Math.max(1, config.healthInterval().toSeconds());
        housekeeping.scheduleWithFixedDelay(this::publishHealth, healthSeconds, healthSeconds, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::purge, 0, 6, TimeUnit.HOURS);
        LOG.info("vitalgate {} started: hub {}, broker {}, store {}", version, config.hubId(),
                config.uplink().broker(), config.store().path());
    }

    /** The loops whose progress feeds the systemd watchdog: ingest, the store writer and the uplink. */
    public List<org.vitalgate.app.systemd.Watchdog.Loop> loops() {
        return List.of(new org.vitalgate.app.systemd.Watchdog.Loop("ingest", ingest::heartbeatNanos),
                new org.vitalgate.app.systemd.Watchdog.Loop("store-writer", store::writerHeartbeatNanos),
                new org.vitalgate.app.systemd.Watchdog.Loop("uplink", uplink::heartbeatNanos));
    }

    /** One line for {@code systemctl status}: outbox depth and broker state. */
    public String statusLine() {
        String broker = uplink.state().name().toLowerCase(java.util.Locale.ROOT);
        try {
            OutboxStats s = store.stats();
            return "outbox " + s.pendingReadings() + " readings, " + s.pendingEvents() + " events pending; broker "
                    + broker;
        } catch (StoreException e) {
            return "store error: " + e.getMessage() + "; broker " + broker;
        }
    }

    public SqliteStore store() {
        return store;
    }

    public MqttUplink uplink() {
        return uplink;
    }

    public Ingest ingest() {
        return ingest;
    }

    /**
     * The BLE pairing window, when BLE is enabled: pairing (bonding) is refused while it is closed, which it is
     * by default. The CLI opens it while a technician pairs a device.
     */
    public Optional<ProvisioningWindow> pairingWindow() {
        return ble.map(BleIntake::window);
    }

    /**
     * Stops taking readings (simulation; BLE sessions, then the BLE link) and lets ingest hand what it has to the
     * store. Idempotent.
     */
    public void stopIntake() {
        simulation.ifPresent(SimulatedHome::close);
        ble.ifPresent(BleIntake::close);
        ingest.close();
    }

    /**
     * Stops in order: no new readings (simulation and links), ingest drains into the store, the uplink publishes
     * what it can, says offline and disconnects, then the store commits and closes. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("stopping: intake first, then ingest, uplink and store");
        stopIntake();
        housekeeping.shutdownNow();
        uplink.close();
        store.close();
        LOG.info("stopped");
    }

    private void publishHealth() {
        try {
            OutboxStats s = store.stats();
            Path dir = config.store().path().toAbsolutePath().getParent();
            long free = Files.getFileStore(dir).getUsableSpace();
            Instant now = clock.instant();
            OptionalLong oldest = s.oldestPendingAt().isPresent()
                    ? OptionalLong.of(Math.max(0, (now.toEpochMilli() - s.oldestPendingAt().getAsLong()) / 1000))
                    : OptionalLong.empty();
            HealthSnapshot h = new HealthSnapshot(config.hubId(), version, Duration.between(createdAt, now),
                    s.pendingReadings(), s.pendingEvents(), oldest, s.lastSeq(), s.storeBytes(), free,
                    uplink.state().name().toLowerCase(java.util.Locale.ROOT), ingest.lastSeen(), Map.of(), now);
            uplink.publishTransient("health", JsonV1.stampPublished(json.health(h), now));
        } catch (StoreException | java.io.IOException | RuntimeException e) {
            LOG.warn("health snapshot failed: {}", e.toString());
        }
    }

    private void purge() {
        try {
            LOG.info("housekeeping: {}", store.purge(clock.instant()));
        } catch (StoreException | RuntimeException e) {
            LOG.warn("purge failed: {}", e.toString());
        }
    }

    private static Map<String, ?> statusFigures(SqliteStore store, MqttUplink uplink) {
        Map<String, Object> m = new HashMap<>();
        try {
            OutboxStats s = store.stats();
            m.put("pendingReadings", s.pendingReadings());
            m.put("pendingEvents", s.pendingEvents());
            m.put("lastSeq", s.lastSeq());
        } catch (StoreException e) {
            m.put("storeError", e.getMessage());
        }
        m.put("uplinkState", uplink.state().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private static StatusPayloads statusPayloads(JsonV1 json, String version, Clock clock) {
        return new StatusPayloads() {
            @Override
            public byte[] online(Instant connectedAt) {
                return JsonV1.stampPublished(json.status("online", version, connectedAt), connectedAt);
            }

            @Override
            public byte[] offline() {
                Instant now = clock.instant();
                return JsonV1.stampPublished(json.status("offline", version, now), now);
            }
        };
    }

    private static UplinkListener uplinkEvents(SqliteStore store, ReadingIds ids, Clock clock) {
        return new UplinkListener() {
            @Override
            public void stateChanged(UplinkState from, UplinkState to) {
                LOG.info("uplink {} -> {}", from, to);
            }

            @Override
            public void rejected(ConnectFailure failure) {
                store.recordEvent(new Event(ids.next().value(), EventType.UPLINK_REJECTED, clock.instant(),
                        Map.of("reason", failure.reason())));
            }
        };
    }

    private static KnownDevice simulatedDevice(SimulatedDeviceInfo d, String patientKey) {
        String codec = switch (d.kind()) {
            case BP_CUFF -> "gatt.bps.measurement";
            case OXIMETER -> "gatt.plxs.spot-check";
            case SCALE -> "gatt.wss.measurement";
            case GLUCOMETER -> "gatt.gls.measurement";
            case THERMOMETER -> "gatt.hts.measurement";
        };
        String channel = switch (d.kind()) {
            case BP_CUFF -> GattUuids.BLOOD_PRESSURE_MEASUREMENT;
            case OXIMETER -> GattUuids.PLX_SPOT_CHECK;
            case SCALE -> GattUuids.WEIGHT_MEASUREMENT;
            case GLUCOMETER -> GattUuids.GLUCOSE_MEASUREMENT;
            case THERMOMETER -> GattUuids.TEMPERATURE_MEASUREMENT;
        };
        DeviceIdentity identity = new DeviceIdentity(Transport.SIMULATED, d.address(), d.manufacturer(), d.model(),
                Optional.of(d.serialNumber()), Optional.of(d.firmware()), "sim-" + d.kind().name().toLowerCase(
                        java.util.Locale.ROOT).replace('_', '-'));
        return new KnownDevice(identity, patientKey, OptionalInt.empty(),
                Map.of(channel, codec, GattUuids.CURRENT_TIME, "gatt.cts.current-time"), false);
    }

    private static Duration scaled(Duration interval, double speed) {
        return Duration.ofMillis(Math.max(1, (long) (interval.toMillis() / speed)));
    }

    /** Breaks the construction cycle between the uplink and the command handler that answers through it. */
    private static final class Holder<T> {
        T value;
    }
}
