package org.vitalgate.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file.
 *
 * @param path    dotted key path, e.g. {@code mqtt.inflightWindow} or {@code devices[2].address}; empty for
 *                the file as a whole
 * @param line    1-based line in the file, 0 when there is no line (missing key, unreadable file)
 * @param message what is wrong, naming the bad value where there is one
 */
public record ConfigProblem(String path, int line, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code agent.yaml:12: mqtt.inflightWindow: must be between 1 and 65535, got 0}. */
    public String format(String fileName) {
        return fileName + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
