package org.vitalgate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on (1-based), as read by {@link YamlTree}. Immutable once built. */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence, YamlNode.Null {

    int line();

    /** What the value is, for "expected X, got Y" messages. */
    String describe();

    /** A scalar: its source text and what YAML resolved it to. */
    record Scalar(String text, Kind kind, int line) implements YamlNode {
        enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "text \"" + text + "\"";
                case INTEGER -> "integer " + text;
                case DECIMAL -> "number " + text;
                case BOOLEAN -> "boolean " + text;
            };
        }
    }

    /** A mapping; entries in file order. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = new LinkedHashMap<>(entries);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the key's own line. */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** An empty value ({@code key:} with nothing, {@code ~}, {@code null}). */
    record Null(int line) implements YamlNode {
        @Override
        public String describe() {
            return "no value";
        }
    }
}
