package org.vitalgate.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A configuration file that cannot be used, with every problem found in it (not just the first). Its message
 * names the file, then lists one problem per line: {@code agent.yaml:12: mqtt.inflightWindow: must be …}.
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final List<ConfigProblem> problems;

    public ConfigException(Path file, List<ConfigProblem> problems) {
        super(format(file, problems));
        this.file = Objects.requireNonNull(file, "file");
        this.problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
    }

    public Path file() {
        return file;
    }

    /** The problems in file order (those without a line last). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(Path file, List<ConfigProblem> problems) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        StringBuilder sb = new StringBuilder("invalid configuration ").append(file).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.stream().sorted(ORDER).forEach(p -> sb.append('\n').append(p.format(name)));
        return sb.toString();
    }

    static final Comparator<ConfigProblem> ORDER = Comparator.comparingInt(
            (ConfigProblem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line());
}
