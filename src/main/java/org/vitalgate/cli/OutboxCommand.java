package org.vitalgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.ConfigException;
import org.vitalgate.config.ConfigLoader;
import org.vitalgate.store.OutboxStats;
import org.vitalgate.store.StoreException;
import org.vitalgate.store.StoreInspector;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vitalgate outbox}: what the store holds, read-only (safe while the agent runs). Exit codes: 0 printed,
 * 1 no store file or not a vitalgate store, 2 bad usage or an unusable configuration.
 */
@Command(name = "outbox", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Show the outbox: pending readings and events, oldest unsent age, last seq, confirmed history, store size.",
        "Reads the store file read-only; safe while the agent is running."})
final class OutboxCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    static final class Source {
        @Option(names = "--store", paramLabel = "FILE", description = "The store file (SQLite).")
        Path store;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "Take the store path from this configuration (default: /etc/vitalgate/agent.yaml).")
        Path config;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file;
        if (source != null && source.store != null) {
            file = source.store;
        } else {
            Path config = source != null && source.config != null ? source.config : AgentConfig.DEFAULT_FILE;
            try {
                file = ConfigLoader.load(config).store().path();
            } catch (ConfigException e) {
                err.println(e.getMessage());
                err.flush();
                return 2;
            }
        }
        OutboxStats stats;
        try (StoreInspector inspector = StoreInspector.open(file)) {
            stats = inspector.stats();
        } catch (StoreException e) {
            err.println("vitalgate outbox: " + e.getMessage());
            err.flush();
            return 1;
        }
        Instant now = Clock.systemUTC().instant();
        OptionalLong ageSeconds = stats.oldestPendingAt().isPresent()
                ? OptionalLong.of(Math.max(0, (now.toEpochMilli() - stats.oldestPendingAt().getAsLong()) / 1000))
                : OptionalLong.empty();
        out.print(json ? json(file, stats, ageSeconds) : text(file, stats, ageSeconds));
        out.flush();
        return 0;
    }

    private static String json(Path file, OutboxStats s, OptionalLong ageSeconds) {
        ObjectNode n = JSON.createObjectNode();
        n.put("store", file.toString());
        n.put("pendingReadings", s.pendingReadings());
        n.put("pendingEvents", s.pendingEvents());
        if (ageSeconds.isPresent()) {
            n.put("oldestUnsentAgeSeconds", ageSeconds.getAsLong());
            n.put("oldestUnsentAt", Instant.ofEpochMilli(s.oldestPendingAt().getAsLong()).toString());
        } else {
            n.putNull("oldestUnsentAgeSeconds");
            n.putNull("oldestUnsentAt");
        }
        n.put("lastSeq", s.lastSeq());
        n.put("confirmedReadings", s.confirmedReadings());
        n.put("storeBytes", s.storeBytes());
        n.put("droppedEvents", s.droppedEvents());
        return n.toString() + System.lineSeparator();
    }

    private static String text(Path file, OutboxStats s, OptionalLong ageSeconds) {
        String oldest = ageSeconds.isPresent()
                ? age(ageSeconds.getAsLong()) + " (since " + Instant.ofEpochMilli(s.oldestPendingAt().getAsLong()) + ")"
                : "none (nothing unsent)";
        return String.format(Locale.ROOT, """
                store               %s
                pending readings    %d
                pending events      %d
                oldest unsent       %s
                last seq            %d
                confirmed readings  %d (local history)
                store size          %s
                dropped events      %d
                """, file, s.pendingReadings(), s.pendingEvents(), oldest, s.lastSeq(), s.confirmedReadings(),
                size(s.storeBytes()), s.droppedEvents());
    }

    static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return String.format(Locale.ROOT, "%dd %dh", d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh %dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm %ds", d.toMinutes(), d.toSecondsPart());
        }
        return seconds + "s";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%d bytes)", v, units[u], bytes);
    }
}
