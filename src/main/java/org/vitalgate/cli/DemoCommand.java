package org.vitalgate.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vitalgate.app.demo.Demo;
import org.vitalgate.app.log.Logging;
import org.vitalgate.config.LogLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vitalgate demo}: the simulated home, the real agent and a live view of what the backend receives. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Run the agent with a simulated home (BP cuff, oximeter, scale, glucose meter, thermometer) against a local",
        "Mosquitto on an ephemeral loopback port (or --broker), and show what the backend receives."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--broker", paramLabel = "URL", description = "Use this broker instead of a local Mosquitto.")
    URI broker;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to run, e.g. 90s or 5m; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).",
            defaultValue = "60s")
    Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Mean time between two measurements in the home (default: ${DEFAULT-VALUE}).",
            defaultValue = "1s")
    Duration interval;

    @Option(names = "--outage", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop the local broker for this long, to watch store-and-forward.")
    Duration outage;

    @Option(names = "--outage-at", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "When the outage starts (default: ${DEFAULT-VALUE}).", defaultValue = "15s")
    Duration outageAt;

    @Override
    public Integer call() throws Exception {
        Logging.setLevel(LogLevel.INFO);
        // The agent's log lines (written to System.out) go to a file; the screen keeps the live view alone.
        PrintStream screen = System.out;
        Path log = Files.createTempFile("vitalgate-demo-", ".log");
        System.setOut(new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8));
        screen.println("The agent logs to " + log + " (tail -f it in another terminal)");
        Duration total = outage != null && !duration.isZero() && duration.compareTo(outageAt.plus(outage)) < 0
                ? outageAt.plus(outage).plusSeconds(15) : duration;
        return new Demo(new Demo.Options(Optional.ofNullable(broker), total, interval, Optional.ofNullable(outage),
                outageAt), screen).run(VersionProvider.version());
    }
}
