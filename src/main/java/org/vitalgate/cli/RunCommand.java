package org.vitalgate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vitalgate.app.Agent;
import org.vitalgate.app.Threads;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.ConfigException;
import org.vitalgate.config.ConfigLoader;
import org.vitalgate.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vitalgate run}: the service. Exit codes: 0 after a clean stop (SIGTERM/SIGINT), 1 if the store cannot be
 * opened, 2 for a configuration that cannot be used (every problem is listed).
 */
@Command(name = "run", description = "Run the agent (the systemd service runs this).")
final class RunCommand implements Callable<Integer> {

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
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", cfg.logLevel().name().toLowerCase(Locale.ROOT));
        return run(cfg);
    }

    static int run(AgentConfig cfg) {
        Agent agent;
        try {
            agent = Agent.create(cfg, Clock.systemUTC(), ZoneId.systemDefault(), VersionProvider.version(), new Threads());
        } catch (StoreException e) {
            System.err.println("cannot open the store: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("cannot start: " + e.getMessage()); // e.g. the device profile directory is missing
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "shutdown"));
        agent.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
