package org.vitalgate.uplink.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.testing.PayloadSchemas.Kind;

/** The examples in docs/mqtt-contract.md validate against the schemas; docs/asyncapi.yaml covers every topic and schema. */
class DocExamplesTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- example: ([a-z-]+) -->\\s*```json\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void contractExamplesValidate() throws Exception {
        Path doc = PayloadSchemas.schemaDir().getParent().resolve("mqtt-contract.md");
        Matcher m = EXAMPLE.matcher(Files.readString(doc));
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            Kind kind = Kind.valueOf(m.group(1).toUpperCase().replace('-', '_'));
            PayloadSchemas.assertValid(kind, m.group(2).getBytes(StandardCharsets.UTF_8));
            seen.add(kind);
            names.add(m.group(1));
        }
        assertThat(seen).as("examples found: %s", names).isEqualTo(EnumSet.allOf(Kind.class));
    }

    @Test
    void asyncApiReferencesEverySchemaAndTopic() throws Exception {
        Path docs = PayloadSchemas.schemaDir().getParent();
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(docs.resolve("asyncapi.yaml").toFile());
        assertThat(api.get("asyncapi").asText()).isEqualTo("2.6.0");
        Set<String> suffixes = new java.util.TreeSet<>();
        api.get("channels").fieldNames().forEachRemaining(
                c -> suffixes.add(c.substring("vitalgate/v1/{hubId}/".length())));
        assertThat(suffixes).containsExactlyInAnyOrder("readings", "status", "health", "events", "cmd/{name}",
                "cmd-result/{requestId}");
        Set<Kind> referenced = EnumSet.noneOf(Kind.class);
        for (JsonNode message : api.get("components").get("messages")) {
            String ref = message.get("payload").get("$ref").asText();
            assertThat(docs.resolve(ref).normalize()).exists();
            for (Kind k : Kind.values()) {
                if (ref.endsWith("/" + k.file())) {
                    referenced.add(k);
                }
            }
        }
        assertThat(referenced).isEqualTo(EnumSet.allOf(Kind.class));
    }

    @Test
    void fhirEnvelopeSchemaAcceptsTheExampleAndRefusesAReadingWithoutItsSeq() throws Exception {
        Path docs = PayloadSchemas.schemaDir().getParent();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                Files.readString(docs.resolve("schemas/reading-fhir-r4-envelope.schema.json")),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        ObjectMapper json = new ObjectMapper();
        JsonNode example = json.readTree(docs.resolve("examples/reading-fhir-r4.json").toFile());
        assertThat(schema.validate(example)).isEmpty();

        com.fasterxml.jackson.databind.node.ObjectNode noSeq = example.deepCopy();
        noSeq.with("meta").putArray("extension");
        assertThat(schema.validate(noSeq)).isNotEmpty();
    }
}
