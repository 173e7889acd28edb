package org.vitalgate.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Where this installation keeps its device profiles, found from where the code was loaded (never from the working
 * directory): next to the jar ({@code /usr/share/vitalgate/vitalgate.jar} → {@code /usr/share/vitalgate/device-profiles}),
 * one level up (a build's {@code target/vitalgate.jar} → the source tree's {@code device-profiles}), or, when run
 * from a classes directory ({@code target/classes}), two levels up. Stateless; thread-safe.
 */
public final class Installation {
    static final String PROFILES = "device-profiles";

    private Installation() {
    }

    /** Candidate profile directories of the installation this class was loaded from (may not exist). */
    public static List<Path> profileDirs() {
        try {
            CodeSource source = Installation.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return List.of();
            }
            return profileDirs(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return List.of();
        }
    }

    /** The candidates for code loaded from {@code location} (a jar file or a classes directory). */
    static List<Path> profileDirs(Path location) {
        Path where = location.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(where)) {
            Path up2 = where.getParent() == null ? null : where.getParent().getParent();
            if (up2 != null) {
                out.add(up2.resolve(PROFILES));
            }
            return out;
        }
        Path dir = where.getParent();
        if (dir != null) {
            out.add(dir.resolve(PROFILES));
            if (dir.getParent() != null) {
                out.add(dir.getParent().resolve(PROFILES));
            }
        }
        return out;
    }
}
