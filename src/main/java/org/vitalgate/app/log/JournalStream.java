package org.vitalgate.app.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether stdout goes to journald: systemd sets {@code JOURNAL_STREAM=<dev>:<inode>} for a service whose
 * stdout is the journal (systemd.exec(5)); it is trusted only when it names the file stdout really is, as
 * systemd documents, so a child process that inherited the variable but writes to a pipe keeps console lines.
 * The system property {@code vitalgate.log.format} ({@code journal} or {@code console}) overrides the guess.
 */
final class JournalStream {
    static final String FORMAT_PROPERTY = "vitalgate.log.format";

    private JournalStream() {
    }

    static boolean stdoutIsJournal() {
        return decide(Optional.ofNullable(System.getProperty(FORMAT_PROPERTY)), System.getenv(),
                Path.of("/proc/self/fd/1"));
    }

    static boolean decide(Optional<String> override, Map<String, String> env, Path stdout) {
        if (override.isPresent()) {
            return override.get().trim().toLowerCase(Locale.ROOT).equals("journal");
        }
        String stream = env.get("JOURNAL_STREAM");
        if (stream == null) {
            return false;
        }
        String[] parts = stream.split(":");
        if (parts.length != 2) {
            return false;
        }
        try {
            long dev = ((Number) Files.getAttribute(stdout, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(stdout, "unix:ino")).longValue();
            return Long.parseLong(parts[0]) == dev && Long.parseLong(parts[1]) == ino;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
