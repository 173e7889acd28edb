package org.vitalgate.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a file is validated. Confined to one load. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String path, int line, String message) {
        list.add(new ConfigProblem(path, line, message));
    }

    /** Whether a problem was reported for {@code path} or below it. */
    boolean has(String path) {
        for (ConfigProblem p : list) {
            if (p.path().equals(path) || p.path().startsWith(path + ".") || p.path().startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<ConfigProblem> sorted() {
        List<ConfigProblem> out = new ArrayList<>(list);
        out.sort(ConfigException.ORDER);
        return out;
    }
}
