package org.vitalgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.vitalgate.app.Agent;
import org.vitalgate.app.Threads;
import org.vitalgate.app.demo.SimulatedHomeSetup;
import org.vitalgate.app.log.Logging;
import org.vitalgate.app.systemd.SystemdService;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.ConfigException;
import org.vitalgate.config.ConfigLoader;
import org.vitalgate.store.StoreException;
import org.vitalgate.store.StoreTooNewException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vitalgate run}: the service. Exit codes: 0 after a clean stop (SIGTERM/SIGINT), 1 if the store cannot be
 * opened, 2 for a configuration that cannot be used (every problem is listed), 3 when the store was written by a
 * newer vitalgate (a rolled-back upgrade). systemd restarts on 1 but not on 2 or 3 ({@code RestartPreventExitStatus}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the agent (the systemd service runs this).")
final class RunCommand implements Callable<Integer> {
    static final int EXIT_STORE_TOO_NEW = 3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config = AgentConfig.DEFAULT_FILE;

    @Override
    public Integer call() {
        AgentConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            // the command line's error stream (System.err unless a test or caller set another)
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        Logging.setLevel(cfg.logLevel());
        return run(cfg);
    }

    static int run(AgentConfig cfg) {
        Threads threads = new Threads();
        Agent agent;
        SimulatedHomeSetup home;
        try {
            // simulation.enabled: the demo's own home (over the agent's BLE path when dbus-daemon is there)
            home = SimulatedHomeSetup.of(cfg, cfg.simulation().enabled() ? Files.createTempDirectory("vitalgate-sim-")
                    : Path.of("."), Clock.systemUTC(), ZoneId.systemDefault());
        } catch (IOException e) {
            System.err.println("cannot start the simulated home: " + e.getMessage());
            return 1;
        }
        try {
            agent = Agent.create(home.config(), Clock.systemUTC(), ZoneId.systemDefault(), VersionProvider.version(),
                    threads, home.bleOptions());
        } catch (StoreTooNewException e) {
            // a rolled-back upgrade: restarting cannot help (the unit's RestartPreventExitStatus holds it), and the
            // readings in the store wait, untouched, for the newer version to be installed again
            System.err.println("cannot open the store: " + e.getMessage() + " Not restarting (exit 3).");
            home.close();
            return EXIT_STORE_TOO_NEW;
        } catch (StoreException e) {
            System.err.println("cannot open the store: " + e.getMessage());
            home.close();
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("cannot start: " + e.getMessage()); // e.g. the device profile directory is missing
            home.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<SystemdService> systemd = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Optional.ofNullable(systemd.get()).ifPresent(SystemdService::close);   // STOPPING=1
            agent.close();
            home.close();
            stopped.countDown();
        }, "shutdown"));
        agent.start();
        if (cfg.simulation().enabled()) {
            LoggerFactory.getLogger(RunCommand.class).info("{}", home.description().replace("\n", " "));
            home.started(agent);
        }
        // Type=notify: READY once the store is open and the uplink started; the watchdog watches every loop
        systemd.set(SystemdService.ready(System.getenv(), ProcessHandle.current().pid(), agent.loops(),
                agent::statusLine, threads.scheduled("watchdog")));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
