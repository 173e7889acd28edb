package org.vitalgate.uplink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * MQTT user name and password, read from a file: user name on line 1, password on line 2 (trailing
 * {@code \r} tolerated). {@link #toString()} never shows the password. Immutable; thread-safe.
 */
public final class Credentials {
    private final String username;
    private final byte[] password;

    private Credentials(String username, byte[] password) {
        this.username = username;
        this.password = password;
    }

    /** Reads {@code file}; errors name the file and the problem, never its content. */
    public static Credentials read(Path file) throws CredentialsException {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredentialsException("credentials file " + file + " unreadable: "
                    + e.getClass().getSimpleName());
        }
        if (lines.size() < 2) {
            throw new CredentialsException("credentials file " + file
                    + " must have the user name on line 1 and the password on line 2");
        }
        String user = strip(lines.get(0));
        String pass = strip(lines.get(1));
        if (user.isEmpty()) {
            throw new CredentialsException("credentials file " + file + ": empty user name on line 1");
        }
        return new Credentials(user, pass.getBytes(StandardCharsets.UTF_8));
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    public String username() {
        return username;
    }

    /** A fresh copy of the password bytes (UTF-8). */
    public byte[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
