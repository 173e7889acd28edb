package org.vitalgate.app.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The SLF4J logger factory of the agent: one {@link LineLogger} per name, a default threshold that the
 * configuration can change at run time, and quieter thresholds for chatty libraries. Every line goes to
 * {@code System.out} (journald reads the service's stdout). Thread-safe.
 */
final class LoggerRegistry implements ILoggerFactory {
    /** Initial default threshold: {@code error}, {@code warn}, {@code info} (default), {@code debug} or {@code trace}. */
    static final String LEVEL_PROPERTY = "vitalgate.log.level";
    /** Libraries that log per connection attempt or per packet at info: only their warnings matter to an operator. */
    private static final Map<String, Level> QUIET = Map.of(
            "com.hivemq", Level.WARN, "io.netty", Level.WARN, "org.freedesktop", Level.WARN,
            "com.github.hypfvieh", Level.WARN);

    private final ConcurrentHashMap<String, LineLogger> loggers = new ConcurrentHashMap<>();
    private final LogLine format;
    private final Clock clock;
    private volatile Level threshold;

    LoggerRegistry(LogLine format, Clock clock, Level threshold) {
        this.format = format;
        this.clock = clock;
        this.threshold = threshold;
    }

    static LoggerRegistry fromEnvironment() {
        Level level = parse(System.getProperty(LEVEL_PROPERTY, "info"));
        return new LoggerRegistry(new LogLine(JournalStream.stdoutIsJournal(), ZoneId.systemDefault()),
                Clock.systemUTC(), level);
    }

    static Level parse(String name) {
        try {
            return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new LineLogger(n, this));
    }

    void setThreshold(Level level) {
        threshold = level;
    }

    boolean journal() {
        return format.journal();
    }

    boolean enabled(String name, Level level) {
        Level limit = threshold;
        for (Map.Entry<String, Level> q : QUIET.entrySet()) {
            if (name.startsWith(q.getKey()) && q.getValue().toInt() > limit.toInt()) {
                limit = q.getValue();
            }
        }
        return level.toInt() >= limit.toInt();
    }

    void write(String name, Level level, String pattern, Object[] args, Throwable thrown) {
        String line = format.format(clock.instant(), level, Thread.currentThread().getName(), name, pattern, args,
                java.util.Optional.ofNullable(thrown));
        PrintStream out = System.out;
        synchronized (out) {
            out.println(line);
        }
        out.flush();
    }
}
