package org.vitalgate.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates v1 payloads against {@code docs/schemas/*.schema.json}, for unit tests and for ITs checking what
 * the broker received. The schemas require the publish time, so validate stamped payloads (as received).
 * Thread-safe (schemas are compiled once, under a lock).
 */
public final class PayloadSchemas {
    /** The v1 message kinds, each with its schema file. */
    public enum Kind {
        READING("reading"), EVENT("event"), STATUS("status"), HEALTH("health"), COMMAND_RESULT("command-result");

        private final String file;

        Kind(String name) {
            this.file = name + "-v1.schema.json";
        }

        public String file() {
            return file;
        }

        /** The kind published on a topic suffix below the hub's root: readings, events, status, health, cmd-result/… */
        public static Kind forTopicSuffix(String suffix) {
            if (suffix.startsWith("cmd-result/")) {
                return COMMAND_RESULT;
            }
            return switch (suffix) {
                case "readings" -> READING;
                case "events" -> EVENT;
                case "status" -> STATUS;
                case "health" -> HEALTH;
                default -> throw new IllegalArgumentException("no v1 payload on " + suffix);
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Map<Kind, JsonSchema> SCHEMAS = new EnumMap<>(Kind.class);

    private PayloadSchemas() {
    }

    /** The schema directory: {@code -Dvitalgate.schemas=…} or {@code docs/schemas} found upwards from the working dir. */
    public static Path schemaDir() {
        String configured = System.getProperty("vitalgate.schemas");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs/schemas");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/schemas not found above " + Path.of("").toAbsolutePath());
    }

    /** Every schema violation (empty when valid), or the parse error if the payload is not JSON. */
    public static List<String> problems(Kind kind, byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (node == null) {
            return List.of("empty payload");
        }
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema(kind).validate(node)) {
            out.add(m.getMessage());
        }
        return out;
    }

    /** @throws AssertionError listing every violation and the payload */
    public static void assertValid(Kind kind, byte[] payload) {
        List<String> problems = problems(kind, payload);
        if (!problems.isEmpty()) {
            throw new AssertionError(kind + " payload violates " + kind.file() + ":\n  "
                    + String.join("\n  ", problems) + "\npayload: " + new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** As {@link #assertValid(Kind, byte[])}, choosing the schema from the topic suffix. */
    public static void assertValidOnTopic(String topicSuffix, byte[] payload) {
        assertValid(Kind.forTopicSuffix(topicSuffix), payload);
    }

    private static synchronized JsonSchema schema(Kind kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            try (InputStream in = Files.newInputStream(schemaDir().resolve(k.file()))) {
                return factory.getSchema(in, config);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read schema " + k.file(), e);
            }
        });
    }
}
