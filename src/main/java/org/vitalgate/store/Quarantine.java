package org.vitalgate.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Integrity check at open and moving a damaged database aside. A store that fails {@code PRAGMA quick_check}
 * (or is not a database at all) is renamed, with its {@code -wal} and {@code -shm} files, to
 * {@code <name>.corrupt-<UTC timestamp>} (the WAL and SHM keep their suffix after it, so SQLite can still open
 * the quarantined copy for forensics). Nothing is ever deleted.
 *
 * <p>Stateless; used once at open on the opening thread.
 */
final class Quarantine {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_REPORTED_PROBLEMS = 3;

    private Quarantine() {
    }

    /** Why the database is unusable, or empty if {@code quick_check} says ok. */
    static Optional<String> check(Connection conn) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if ("ok".equals(line)) {
                    continue;
                }
                if (problems.size() < MAX_REPORTED_PROBLEMS) {
                    problems.add(line);
                } else {
                    problems.add("...");
                    break;
                }
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of("quick_check: " + String.join("; ", problems));
    }

    /**
     * Renames {@code db} and its {@code -wal}/{@code -shm} aside; returns the new path of the database file.
     *
     * @throws StoreException if the file cannot be renamed (then nothing is opened over it)
     */
    static Path moveAside(Path db, Instant now) throws StoreException {
        String stamp = STAMP.format(now);
        Path target = db.resolveSibling(db.getFileName() + ".corrupt-" + stamp);
        for (int i = 1; exists(target); i++) {
            target = db.resolveSibling(db.getFileName() + ".corrupt-" + stamp + "-" + i);
        }
        try {
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = db.resolveSibling(db.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, target.resolveSibling(target.getFileName() + suffix),
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(db, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot move damaged store " + db + " aside to " + target + ": " + e, e);
        }
        return target;
    }

    private static boolean exists(Path target) {
        return Files.exists(target) || Files.exists(target.resolveSibling(target.getFileName() + "-wal"));
    }
}
