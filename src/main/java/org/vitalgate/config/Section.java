package org.vitalgate.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the configuration being validated: typed getters that report bad values at their line,
 * and {@link #finish()} that reports every key nobody asked for (typos). Confined to one load.
 */
final class Section {
    private final String path;
    private final YamlNode.Mapping map;
    private final Problems problems;
    private final int line;
    private final Set<String> used = new HashSet<>();

    /** @param line where this section starts (its key's line), for problems about missing keys */
    Section(String path, YamlNode.Mapping map, Problems problems, int line) {
        this.path = path;
        this.map = map;
        this.problems = problems;
        this.line = line;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** Line of {@code key}'s value, or of this section when absent. */
    int lineOf(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.line() : e.value().line();
    }

    /** The value of {@code key}, empty when absent or bad (a bad value is reported). */
    <T> Optional<T> get(String key, Values.Reader<T> reader) {
        used.add(key);
        YamlNode.Entry e = map.entries().get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.value() instanceof YamlNode.Null) {
            problems.add(path(key), e.keyLine(), "has no value; remove the key to use the default");
            return Optional.empty();
        }
        try {
            return Optional.of(reader.read(e.value()));
        } catch (Values.Bad bad) {
            problems.add(path(key), e.value().line(), bad.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The value of {@code key}, or {@code absent} when the key is not there. A bad value is reported and
     * {@code absent} is returned only to keep going: a reported problem rejects the whole file.
     */
    <T> T get(String key, Values.Reader<T> reader, T absent) {
        return get(key, reader).orElse(absent);
    }

    /** A key that must be there. */
    <T> Optional<T> required(String key, Values.Reader<T> reader) {
        if (!has(key)) {
            used.add(key);
            problems.add(path(key), line, "required key is missing");
            return Optional.empty();
        }
        return get(key, reader);
    }

    /** A nested mapping, empty when absent or not a mapping (reported). */
    Optional<Section> section(String key) {
        int keyLine = has(key) ? map.entries().get(key).keyLine() : line;
        return get(key, node -> {
            if (node instanceof YamlNode.Mapping m) {
                return m;
            }
            throw new Values.Bad("expected a mapping of keys, got " + node.describe());
        }).map(m -> new Section(path(key), m, problems, keyLine));
    }

    /** A list, empty when absent or not a list (reported). */
    Optional<List<YamlNode>> list(String key) {
        return get(key, node -> {
            if (node instanceof YamlNode.Sequence s) {
                return s.items();
            }
            throw new Values.Bad("expected a list, got " + node.describe());
        });
    }

    /** Reports every key that no getter asked for, suggesting the nearest known key. */
    void finish() {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!used.contains(e.key())) {
                String hint = nearest(e.key()).map(k -> " (did you mean " + k + "?)").orElse("");
                problems.add(path(e.key()), e.keyLine(), "unknown key" + hint);
            }
        }
    }

    private Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : used) {
            int d = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
