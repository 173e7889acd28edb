package org.vitalgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.StringReader;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML into {@link YamlNode}s that remember their line, using Jackson's streaming YAML parser (tree
 * models lose locations). Reports syntax errors, duplicate keys, YAML anchors and aliases as problems. Stateless; thread-safe.
 */
final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTree() {
    }

    /** The document's root, or empty after reporting why there is none. An empty file is an empty mapping. */
    static Optional<YamlNode> parse(String text, Problems problems) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.of(new YamlNode.Mapping(Map.of(), 1));
            }
            YamlNode root = read(p, problems, "");
            scalarAnchors(text, problems);
            if (p.nextToken() != null) {
                problems.add("", line(p.currentTokenLocation()), "more than one YAML document; keep one");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                    // SnakeYAML knows where the problem is; Jackson reports where the enclosing node began
                    String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
                    problems.add("", m.getProblemMark().getLine() + 1,
                            "YAML syntax error: " + m.getProblem() + context);
                    return Optional.empty();
                }
            }
            JsonLocation at = e.getLocation();
            String why = e.getOriginalMessage().replaceAll("\\s*\\n\\s*", " ").trim();
            problems.add("", at == null ? 0 : line(at), "YAML syntax error: " + why);
            return Optional.empty();
        } catch (IOException e) {
            problems.add("", 0, "cannot read YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static YamlNode read(JsonParser p, Problems problems, String path) throws IOException {
        int line = line(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (p instanceof YAMLParser yaml) {
            // Why refuse: Jackson's streaming parser hands an alias over as its anchor's *name* (clientId: *h
            // would become "h"), and a config that means something else than it says must not load.
            if (yaml.isCurrentAlias()) {
                problems.add(path, line, "YAML alias *" + p.getText() + " is not supported (write the value out)");
            } else if (yaml.getCurrentAnchor() != null) {
                problems.add(path, line, "YAML anchor &" + yaml.getCurrentAnchor()
                        + " is not supported (anchors and aliases are refused; write values out)");
            }
        }
        switch (t) {
            case START_OBJECT:
                return readMapping(p, line, problems, path);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, problems, path + "[" + items.size() + "]"));
                }
                return new YamlNode.Sequence(items, line);
            case VALUE_NULL:
                return new YamlNode.Null(line);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.BOOLEAN, line);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.INTEGER, line);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.DECIMAL, line);
            default:
                return new YamlNode.Scalar(p.getText(), YamlNode.Scalar.Kind.STRING, line);
        }
    }

    /** Anchors on scalars, which Jackson's parser does not report (aliases and collection anchors it does). */
    private static void scalarAnchors(String text, Problems problems) {
        for (Event e : new Yaml().parse(new StringReader(text))) {
            if (e instanceof ScalarEvent scalar && scalar.getAnchor() != null) {
                problems.add("", scalar.getStartMark().getLine() + 1, "YAML anchor &" + scalar.getAnchor()
                        + " is not supported (anchors and aliases are refused; write values out)");
            }
        }
    }

    private static YamlNode readMapping(JsonParser p, int line, Problems problems, String path) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p.currentTokenLocation());
            String keyPath = path.isEmpty() ? key : path + "." + key;
            p.nextToken();
            YamlNode value = read(p, problems, keyPath);
            YamlNode.Entry previous = entries.get(key);
            if (previous != null) {
                problems.add(keyPath, keyLine, "duplicate key (first at line " + previous.keyLine() + ")");
            } else {
                entries.put(key, new YamlNode.Entry(key, keyLine, value));
            }
        }
        return new YamlNode.Mapping(entries, line);
    }

    private static int line(JsonLocation at) {
        return Math.max(at.getLineNr(), 0);
    }
}
