package org.vitalgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hub ids: the rule they follow (one MQTT topic level that every target broker accepts) and the default
 * derived from the machine id: {@code hub-} + the first 12 hex digits of SHA-256 of it, so the raw machine
 * id (which systemd asks not to expose) never leaves the hub. Stateless; thread-safe.
 */
public final class HubIds {
    /** Where the machine id is looked for, in order. */
    public static final List<Path> MACHINE_ID_FILES = List.of(Path.of("/etc/machine-id"),
            Path.of("/var/lib/dbus/machine-id"));
    /** Letters, digits, {@code . _ : -}; starting with a letter or digit; at most 64 characters. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private HubIds() {
    }

    /** Why {@code id} is not a valid hub id, or empty if it is. */
    public static Optional<String> problem(String id) {
        if (id.length() > 64) {
            return Optional.of("must be at most 64 characters, got " + id.length());
        }
        if (id.contains("/") || id.contains("+") || id.contains("#")) {
            return Optional.of("must be a single MQTT topic level without / + or #, got " + id);
        }
        if (!VALID.matcher(id).matches()) {
            return Optional.of("may only contain letters, digits and . _ : - (starting with a letter or digit), got "
                    + id);
        }
        return Optional.empty();
    }

    /** The id derived from the first readable, non-empty machine-id file, if any. */
    public static Optional<String> fromMachineId(List<Path> files) {
        for (Path f : files) {
            try {
                String id = Files.readString(f, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return Optional.of(derive(id));
                }
            } catch (IOException | SecurityException e) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    static String derive(String machineId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(machineId.getBytes(StandardCharsets.UTF_8));
            return "hub-" + HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is mandatory in every JRE", e);
        }
    }
}
