package org.vitalgate.app.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * Formats one log record as one line of text. Pure: no I/O, the time is passed in. Thread-safe.
 *
 * <p>Two forms. <b>Console</b> ({@code java -jar}, tests): {@code 2026-12-03T20:10:00.123Z [thread] WARN Name -
 * message}, a throwable's stack trace on the following lines. <b>Journal</b> (stdout connected to journald):
 * {@code <4>[thread] WARN Name - message}: the {@code <N>} syslog priority prefix (sd-daemon(3)) makes
 * {@code journalctl -p} work, journald adds the time stamp, and a stack trace is folded into the same line
 * (frames separated by {@code " | "}) because journald turns every stdout line into its own entry.
 *
 * <p>Arguments that are {@link Duration}s read like {@code 1.5s}, not {@code PT1.543S}.
 */
final class LogLine {
    /** Longest line journald takes from a stream as one entry is 48 KiB by default (LineMax=); stay under it. */
    static final int JOURNAL_MAX_CHARS = 16_000;
    private static final DateTimeFormatter CONSOLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");

    private final boolean journal;
    private final ZoneId zone;

    LogLine(boolean journal, ZoneId zone) {
        this.journal = journal;
        this.zone = zone;
    }

    boolean journal() {
        return journal;
    }

    /** The line to print, without the trailing newline (console mode: may span lines for a stack trace). */
    String format(Instant at, Level level, String thread, String loggerName, String pattern, Object[] args,
                  Optional<Throwable> thrown) {
        String message = MessageFormatter.basicArrayFormat(pattern, readable(args));
        StringBuilder line = new StringBuilder(96 + (message == null ? 0 : message.length()));
        if (journal) {
            line.append('<').append(priority(level)).append('>');
        } else {
            line.append(CONSOLE_TIME.format(at.atZone(zone))).append(' ');
        }
        line.append('[').append(thread).append("] ").append(level.name()).append(' ').append(shortName(loggerName))
                .append(" - ").append(message);
        thrown.ifPresent(t -> line.append(journal ? " | " : System.lineSeparator()).append(stackTrace(t)));
        if (!journal) {
            return line.toString();
        }
        String one = oneLine(line);
        return one.length() <= JOURNAL_MAX_CHARS ? one : one.substring(0, JOURNAL_MAX_CHARS) + " …(truncated)";
    }

    /** The syslog priority journald files the line under: error 3, warn 4, info 6, debug and trace 7. */
    static int priority(Level level) {
        return switch (level) {
            case ERROR -> 3;
            case WARN -> 4;
            case INFO -> 6;
            case DEBUG, TRACE -> 7;
        };
    }

    /** {@code 250ms}, {@code 1.5s}, {@code 2m30s}, {@code 1h5m}, {@code 2d3h}. */
    static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms == 0 && !d.isZero() ? d.toNanos() / 1_000 + "µs" : ms + "ms";
        }
        if (ms < 60_000) {
            long tenths = Math.round(ms / 100.0);
            return tenths % 10 == 0 ? tenths / 10 + "s" : String.format(Locale.ROOT, "%.1fs", tenths / 10.0);
        }
        long s = d.toSeconds();
        if (s < 3_600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        if (s < 86_400) {
            return s / 3_600 + "h" + (s % 3_600 / 60 == 0 ? "" : s % 3_600 / 60 + "m");
        }
        return s / 86_400 + "d" + (s % 86_400 / 3_600 == 0 ? "" : s % 86_400 / 3_600 + "h");
    }

    private static Object[] readable(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Duration d) {
                out[i] = duration(d);
            }
        }
        return out;
    }

    private static String shortName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.endsWith(System.lineSeparator()) ? s.substring(0, s.length() - System.lineSeparator().length()) : s;
    }

    /** Every line break (and the tab that starts a stack frame) becomes {@code " | "}. */
    private static String oneLine(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                while (i + 1 < s.length() && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r'
                        || s.charAt(i + 1) == '\t')) {
                    i++;
                }
                out.append(" | ");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
