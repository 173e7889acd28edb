package org.vitalgate.app.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vitalgate.app.Agent;
import org.vitalgate.app.Threads;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.BleSettings;
import org.vitalgate.config.LogLevel;
import org.vitalgate.config.SimulationSettings;
import org.vitalgate.store.OutboxStats;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.transport.sim.BluezHome;
import org.vitalgate.uplink.UplinkSettings;

/**
 * {@code vitalgate demo}: a local Mosquitto (or a given broker), the real agent with a simulated home (over BLE,
 * through a private D-Bus and a fake BlueZ, when {@code dbus-daemon} is available), and a
 * live view of what a backend receives; optionally a broker outage in the middle, to show readings piling up in
 * the outbox and draining in order when the broker returns.
 */
public final class Demo {
    private static final String HUB = "demo-hub";

    /**
     * @param broker   a broker to use instead of a local Mosquitto
     * @param duration how long to run (zero: until interrupted)
     * @param interval mean time between two simulated measurements in the home
     * @param outage   how long the local broker is stopped, if at all
     * @param outageAt when the outage starts
     */
    public record Options(Optional<URI> broker, Duration duration, Duration interval, Optional<Duration> outage,
                          Duration outageAt) {
        public Options {
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(outage, "outage");
            Objects.requireNonNull(outageAt, "outageAt");
            if (outage.isPresent() && broker.isPresent()) {
                throw new IllegalArgumentException("--outage needs the demo's own broker (no --broker)");
            }
        }
    }

    private final Options options;
    private final PrintStream out;

    public Demo(Options options, PrintStream out) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
    }

    public int run(String version) throws Exception {
        Path dir = Files.createTempDirectory("vitalgate-demo-");
        LocalMosquitto local = null;
        URI broker;
        if (options.broker().isPresent()) {
            broker = options.broker().get();
        } else {
            // a directory of its own under the system temp dir: mosquitto started as root drops to its own user,
            // which must reach it to save the persistence file that carries the backend's session over the outage
            Path brokerDir = Files.createTempDirectory("vitalgate-demo-broker-");
            local = LocalMosquitto.start(brokerDir);
            broker = local.uri();
            out.println("Started Mosquitto on " + broker);
            out.println("  (its files: " + brokerDir + ")");
        }
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.systemDefault();
        // the same home as `vitalgate run` with simulation.enabled: over BLE when dbus-daemon is there
        SimulatedHomeSetup setup = SimulatedHomeSetup.of(config(broker, dir), dir, clock, zone);
        AgentConfig cfg = setup.overBle() ? setup.config() : withoutBle(setup.config());
        out.println(setup.description());
        LiveView view = new LiveView(out, clock);
        try (SimulatedHomeSetup home = setup;
             BackendSubscriber backend = BackendSubscriber.start(broker, cfg.uplink().topicRoot(), view);
             Agent agent = Agent.create(cfg, clock, zone, version, new Threads(), home.bleOptions())) {
            out.println("Backend subscribed to " + cfg.uplink().topicRoot() + "/#");
            out.println("The agent's store is " + cfg.store().path());
            view.header();
            agent.start();
            home.started(agent);
            loop(agent, local, view, clock);
            OutboxStats end = agent.store().stats();
            out.println("Summary: hub accepted " + end.lastSeq() + " readings; backend " + view.summary(end.lastSeq()));
        } finally {
            if (local != null) {
                local.close();
            }
        }
        return 0;
    }

    private void loop(Agent agent, LocalMosquitto local, LiveView view, Clock clock) throws Exception {
        Instant start = clock.instant();
        Instant outageStart = start.plus(options.outageAt());
        Instant outageEnd = options.outage().map(outageStart::plus).orElse(Instant.MAX);
        boolean down = false;
        Instant nextStatus = start.plusSeconds(5);
        while (options.duration().isZero() || clock.instant().isBefore(start.plus(options.duration()))) {
            Instant now = clock.instant();
            if (local != null && options.outage().isPresent() && !down && now.isAfter(outageStart)
                    && now.isBefore(outageEnd)) {
                out.println("=== Broker stopped for " + options.outage().get().toSeconds()
                        + " s: readings are committed to the outbox and wait there ===");
                local.stop();
                down = true;
            } else if (down && now.isAfter(outageEnd)) {
                local.start();
                down = false;
                out.println("=== Broker back: the outbox drains in seq order ===");
            }
            if (down || now.isAfter(nextStatus)) {
                OutboxStats s = agent.store().stats();
                out.printf("        [outbox] %d pending, last seq %d, uplink %s%n", s.pendingReadings(), s.lastSeq(),
                        agent.uplink().state().name().toLowerCase(java.util.Locale.ROOT));
                nextStatus = now.plusSeconds(down ? 2 : 10);
            }
            Thread.sleep(down ? 2_000 : 250);
        }
        // no new readings; let the last ones drain before the summary
        agent.stopIntake();
        Instant drainDeadline = clock.instant().plusSeconds(15);
        while (agent.store().stats().pendingReadings() > 0 && clock.instant().isBefore(drainDeadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(500);
    }

    /** The demo's agent: its own store, the simulated home switched on (one reading per interval in the home). */
    private AgentConfig config(URI broker, Path dir) {
        UplinkSettings d = UplinkSettings.defaults(broker, HUB);
        UplinkSettings uplink = new UplinkSettings(d.broker(), HUB, d.clientId(), d.topicRoot(), d.tls(),
                d.credentialsFile(), d.inflightWindow(), d.maxPublishRate(), true, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(30));
        String patient = "demo-patient-0001";
        SimulationSettings sim = new SimulationSettings(true,
                options.interval().multipliedBy(BluezHome.PROFILES.size()), 1.0, patient);
        return new AgentConfig(HUB, uplink, StoreSettings.defaults(dir.resolve("vitalgate.db")), sim,
                Duration.ofSeconds(30), LogLevel.WARN, dir.resolve("device-profiles"), dir.resolve("control.sock"),
                List.of(), new BleSettings(true, "hci0"));
    }

    /** The demo never touches the machine's own Bluetooth adapter. */
    private static AgentConfig withoutBle(AgentConfig c) {
        return new AgentConfig(c.hubId(), c.uplink(), c.store(), c.simulation(), c.healthInterval(), c.logLevel(),
                c.profilesDir(), c.controlSocket(), c.devices(), new BleSettings(false, c.ble().adapter()));
    }
}
