package org.vitalgate.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads and validates device profiles. All errors of all files (unknown keys, bad UUIDs, unknown quirks or codec
 * ids, schema version, duplicate model ids) are collected and reported together in one {@link ProfileException}.
 * Stateless apart from the known codec ids; thread-safe.
 */
public final class ProfileLoader {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Set<String> knownCodecIds;

    /** @param knownCodecIds the codec ids the codec registry provides; profiles may only reference these */
    public ProfileLoader(Set<String> knownCodecIds) {
        this.knownCodecIds = Set.copyOf(knownCodecIds);
    }

    /** Every {@code *.yaml}/{@code *.yml} file in {@code dir} (not recursive), sorted by file name. */
    public List<DeviceProfile> loadDirectory(Path dir) throws ProfileException, IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        return loadFiles(files);
    }

    public List<DeviceProfile> loadFiles(List<Path> files) throws ProfileException, IOException {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            sources.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
        return loadAll(sources);
    }

    /** Validates one document (e.g. {@code vitalgate profiles validate <file>}). */
    public DeviceProfile parse(String sourceName, String yamlText) throws ProfileException {
        return loadAll(Map.of(sourceName, yamlText)).get(0);
    }

    /** Source name → YAML text; validated together so duplicate ids across files are found. */
    public List<DeviceProfile> loadAll(Map<String, String> sources) throws ProfileException {
        List<String> errors = new ArrayList<>();
        List<DeviceProfile> profiles = new ArrayList<>();
        Map<String, String> idToSource = new HashMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String source = e.getKey();
            JsonNode root;
            try {
                root = yaml.readTree(Objects.requireNonNull(e.getValue(), "yaml"));
            } catch (JsonProcessingException ex) {
                errors.add(source + ": not valid YAML: " + ex.getOriginalMessage());
                continue;
            }
            ProfileParser parser = new ProfileParser(source, knownCodecIds);
            Optional<DeviceProfile> p = parser.parse(root);
            errors.addAll(parser.errors());
            p.ifPresent(profile -> {
                String other = idToSource.putIfAbsent(profile.id(), source);
                if (other != null) {
                    errors.add(source + ": id: duplicate model id '" + profile.id() + "' (also in " + other + ")");
                } else {
                    profiles.add(profile);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new ProfileException(errors);
        }
        return List.copyOf(profiles);
    }
}
