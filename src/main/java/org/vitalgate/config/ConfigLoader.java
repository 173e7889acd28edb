package org.vitalgate.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.uplink.UplinkSettings;

/**
 * Loads {@code agent.yaml} into an {@link AgentConfig}. Validates everything and reports every problem at once,
 * each with its key path and line ({@link ConfigException}); unknown keys are problems (typos must not pass
 * silently), and a bad value is never replaced by a default: defaults apply only to absent keys.
 * Stateless apart from where it looks for the machine id; thread-safe.
 */
public final class ConfigLoader {
    static final Path DEFAULT_STORE = Path.of("/var/lib/vitalgate/vitalgate.db");
    static final Path DEFAULT_CONTROL_SOCKET = Path.of("/run/vitalgate/control.sock");
    /** Where the Debian package installs the profiles; the last place looked when {@code profilesDir} is absent. */
    static final Path PACKAGED_PROFILES = Path.of("/usr/share/vitalgate/device-profiles");

    private final List<Path> machineIdFiles;
    private final List<Path> installedProfiles;

    /**
     * Finds the device profiles of the installation this code was loaded from ({@link Installation}).
     *
     * @param machineIdFiles where to look for the machine id the default hub id is derived from
     */
    public ConfigLoader(List<Path> machineIdFiles) {
        this(machineIdFiles, Installation.profileDirs());
    }

    /**
     * @param machineIdFiles    where to look for the machine id the default hub id is derived from
     * @param installedProfiles where this installation's device profiles may be, in order (absent
     *                          {@code profilesDir}: these, then {@code device-profiles} beside the config file,
     *                          then {@link #PACKAGED_PROFILES}; never the working directory)
     */
    public ConfigLoader(List<Path> machineIdFiles, List<Path> installedProfiles) {
        this.machineIdFiles = List.copyOf(machineIdFiles);
        this.installedProfiles = List.copyOf(installedProfiles);
    }

    /** Loads {@code file} with the system's machine-id files. */
    public static AgentConfig load(Path file) throws ConfigException {
        return new ConfigLoader(HubIds.MACHINE_ID_FILES).read(file);
    }

    /** Reads and validates {@code file}. */
    public AgentConfig read(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw single(file, "file not found");
        } catch (AccessDeniedException e) {
            throw single(file, "not readable by this user (permission denied)");
        } catch (CharacterCodingException e) {
            throw single(file, "not UTF-8 text");
        } catch (IOException e) {
            throw single(file, "cannot read: " + e);
        }
        return parse(text, file);
    }

    /** Validates YAML {@code text}; {@code file} names it in problems. */
    public AgentConfig parse(String text, Path file) throws ConfigException {
        Problems problems = new Problems();
        Optional<YamlNode> root = YamlTree.parse(text, problems);
        if (root.isEmpty()) {
            throw new ConfigException(file, problems.sorted());
        }
        if (!(root.get() instanceof YamlNode.Mapping map)) {
            problems.add("", root.get().line(), "expected a mapping of keys at the top, got " + root.get().describe());
            throw new ConfigException(file, problems.sorted());
        }
        Section top = new Section("", map, problems, map.line());
        String hubId = hubId(top);
        // checks that depend on the hub id use a stand-in when it is bad, so they report their own problems only
        String hubForChecks = problems.has("hubId") ? "hub" : hubId;

        Optional<UplinkSettings> uplink = Optional.empty();
        Optional<Section> mqtt = top.section("mqtt");
        if (mqtt.isPresent()) {
            uplink = MqttSection.read(mqtt.get(), hubForChecks);
        } else if (!top.has("mqtt")) {
            problems.add("mqtt.broker", 0, "required key is missing");
        }
        StoreSettings store = top.section("store").map(ConfigLoader::store).orElse(StoreSettings.defaults(DEFAULT_STORE));
        SimulationSettings simulation = top.section("simulation").map(ConfigLoader::simulation)
                .orElse(SimulationSettings.defaults());
        Duration health = top.get("healthInterval", Values.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
                Duration.ofSeconds(60));
        LogLevel logLevel = top.get("logLevel", ConfigLoader::logLevel, LogLevel.INFO);
        BleSettings ble = top.section("ble").map(ConfigLoader::ble).orElse(BleSettings.defaults());
        Path configDir = file.toAbsolutePath().getParent();
        Path profilesDir = top.get("profilesDir", Values.path()).map(p -> directory(top, configDir.resolve(p)))
                .orElseGet(() -> defaultProfiles(top, configDir, ble.enabled()));
        // Nothing listens on a control socket yet: a key that would do nothing is refused, not ignored.
        top.get("controlSocket", node -> {
            throw new Values.Bad("the local control socket is planned, not built yet; remove this key");
        });
        Path controlSocket = DEFAULT_CONTROL_SOCKET;
        List<ProvisionedDevice> devices = top.list("devices").map(items -> Devices.read(top, items)).orElse(List.of());
        top.finish();

        if (!problems.isEmpty() || uplink.isEmpty()) {
            throw new ConfigException(file, problems.sorted());
        }
        return new AgentConfig(hubId, uplink.get(), store, simulation, health, logLevel, profilesDir, controlSocket,
                devices, ble);
    }

    private String hubId(Section top) {
        if (top.has("hubId")) {
            Optional<String> id = top.get("hubId", Values.text());
            id.flatMap(HubIds::problem).ifPresent(p -> top.problems().add("hubId", top.lineOf("hubId"), p));
            return id.orElse("hub");
        }
        Optional<String> derived = HubIds.fromMachineId(machineIdFiles);
        if (derived.isEmpty()) {
            top.problems().add("hubId", 0, "not configured, and no machine id to derive it from in " + machineIdFiles);
        }
        return derived.orElse("hub");
    }

    private static StoreSettings store(Section s) {
        StoreSettings d = StoreSettings.defaults(DEFAULT_STORE);
        Path path = s.get("path", Values.path(), d.path());
        long maxBytes = s.get("maxSize", Values.size(1L << 20), d.maxBytes());
        long minFree = s.get("minFreeDisk", Values.size(0), d.minFreeDiskBytes());
        int historyDays = s.get("historyDays", Values.int32(0, 36_500), d.historyDays());
        int dedupDays = s.get("dedupDays", Values.int32(0, 36_500), d.dedupDays());
        Duration window = s.get("groupCommitWindow", Values.duration(Duration.ZERO, Duration.ofSeconds(1)),
                d.groupCommitWindow());
        int maxBatch = s.get("maxBatch", Values.int32(1, 100_000), d.maxBatch());
        s.finish();
        return new StoreSettings(path, maxBytes, minFree, historyDays, dedupDays, window, maxBatch);
    }

    private static SimulationSettings simulation(Section s) {
        SimulationSettings d = SimulationSettings.defaults();
        boolean enabled = s.get("enabled", Values.bool(), d.enabled());
        Duration interval = s.get("interval", Values.duration(Duration.ofMillis(10), Duration.ofDays(1)), d.interval());
        double speed = s.get("speed", Values.positiveNumber(10_000, ""), d.speed());
        String patientKey = s.get("patientKey", Devices.patientKey(), d.patientKey());
        s.finish();
        return new SimulationSettings(enabled, interval, speed, patientKey);
    }

    private static BleSettings ble(Section s) {
        boolean enabled = s.get("enabled", Values.bool(), true);
        String adapter = s.get("adapter", node -> {
            String a = Values.text().read(node);
            if (!a.matches("hci[0-9]{1,3}")) {
                throw new Values.Bad("must be a BlueZ adapter name like hci0, got " + a);
            }
            return a;
        }, "hci0");
        s.finish();
        return new BleSettings(enabled, adapter);
    }

    private static LogLevel logLevel(YamlNode node) throws Values.Bad {
        String s = Values.text().read(node);
        try {
            return LogLevel.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Values.Bad("must be one of error, warn, info, debug, trace, got " + s);
        }
    }

    private static Path directory(Section top, Path p) {
        if (!Files.isDirectory(p)) {
            top.problems().add("profilesDir", top.lineOf("profilesDir"), "not a directory: " + p);
        }
        return p;
    }

    /**
     * The first existing of: the installation's profile directories, {@code device-profiles} beside the config file,
     * {@link #PACKAGED_PROFILES}. None existing is a problem when BLE (which uses them) is enabled.
     */
    private Path defaultProfiles(Section top, Path configDir, boolean needed) {
        java.util.LinkedHashSet<Path> candidates = new java.util.LinkedHashSet<>(installedProfiles);
        candidates.add(configDir.resolve(Installation.PROFILES));
        candidates.add(PACKAGED_PROFILES);
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        if (needed) {
            top.problems().add("profilesDir", 0, "not configured, and no device profile directory in any of "
                    + candidates + "; set profilesDir (relative paths are relative to the config file)");
        }
        return PACKAGED_PROFILES;
    }

    private static ConfigException single(Path file, String message) {
        List<ConfigProblem> one = new ArrayList<>();
        one.add(new ConfigProblem("", 0, message));
        return new ConfigException(file, one);
    }
}
