package org.vitalgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.uplink.UplinkSettings;

class ConfigLoaderTest {
    private static final String MACHINE_ID = "0123456789abcdef0123456789abcdef";
    private static final String BROKER = "mqtt:\n  broker: mqtts://broker.example.com\n";

    @TempDir
    Path dir;
    private ConfigLoader loader;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        Path machineId = dir.resolve("machine-id");
        Files.writeString(machineId, MACHINE_ID + "\n");
        loader = new ConfigLoader(List.of(dir.resolve("absent-machine-id"), machineId));
        file = dir.resolve("agent.yaml");
    }

    private AgentConfig load(String yaml) throws ConfigException {
        return loader.parse(yaml, file);
    }

    private ConfigException problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml));
    }

    private static String expectedHubId() throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(MACHINE_ID.getBytes(StandardCharsets.UTF_8));
        return "hub-" + HexFormat.of().formatHex(d, 0, 6);
    }

    @Test
    void exampleFileLoadsWithTheDefaults() throws Exception {
        AgentConfig example = loader.read(Path.of("config/agent.example.yaml"));
        AgentConfig minimal = load(BROKER);
        assertThat(example.uplink().broker()).isEqualTo(URI.create("mqtts://broker.example.com:8883"));
        // every active key in the example shows its default: the same result as a file with only the broker
        assertThat(example).isEqualTo(minimal);
    }

    @Test
    void profilesAreFoundFromTheInstallationOrTheConfigFileNeverTheWorkingDirectory() throws Exception {
        Path install = Files.createDirectories(dir.resolve("usr/share/vitalgate"));
        List<Path> installed = Installation.profileDirs(install.resolve("vitalgate.jar"));
        assertThat(installed).startsWith(install.resolve("device-profiles"));
        ConfigLoader packaged = new ConfigLoader(List.of(dir.resolve("machine-id")), installed);
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path config = etc.resolve("agent.yaml");

        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(ConfigLoader.PACKAGED_PROFILES),
                "vitalgate's package is installed on this machine");
        // nothing anywhere (the working directory's ./device-profiles is not looked at): a config problem
        ConfigException none = catchThrowableOfType(ConfigException.class, () -> packaged.parse(BROKER, config));
        assertThat(none.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("profilesDir");
            assertThat(p.message()).contains(install.resolve("device-profiles").toString())
                    .contains(etc.resolve("device-profiles").toString())
                    .contains("/usr/share/vitalgate/device-profiles").contains("set profilesDir");
        });
        // profiles are only needed for BLE
        assertThat(packaged.parse(BROKER + "ble: {enabled: false}\n", config).hubId()).isNotEmpty();

        Files.createDirectories(etc.resolve("device-profiles"));
        assertThat(packaged.parse(BROKER, config).profilesDir()).isEqualTo(etc.resolve("device-profiles"));
        Files.createDirectories(install.resolve("device-profiles"));
        assertThat(packaged.parse(BROKER, config).profilesDir()).isEqualTo(install.resolve("device-profiles"));

        // a relative profilesDir is relative to the config file
        Files.createDirectories(etc.resolve("mine"));
        assertThat(packaged.parse(BROKER + "profilesDir: mine\n", config).profilesDir()).isEqualTo(etc.resolve("mine"));
    }

    @Test
    void absentKeysGetTheirDefaults() throws Exception {
        AgentConfig c = load(BROKER);
        String hub = expectedHubId();
        assertThat(c.hubId()).isEqualTo(hub).matches("hub-[0-9a-f]{12}").doesNotContain(MACHINE_ID.substring(0, 12));
        UplinkSettings u = c.uplink();
        assertThat(u).isEqualTo(UplinkSettings.defaults(URI.create("mqtts://broker.example.com:8883"), hub));
        assertThat(u.topicRoot()).isEqualTo("vitalgate/v1/" + hub);
        assertThat(u.clientId()).isEqualTo("vitalgate-" + hub);
        assertThat(c.store()).isEqualTo(StoreSettings.defaults(Path.of("/var/lib/vitalgate/vitalgate.db")));
        assertThat(c.simulation()).isEqualTo(SimulationSettings.defaults());
        assertThat(c.healthInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(c.controlSocket()).isEqualTo(Path.of("/run/vitalgate/control.sock"));
        assertThat(c.profilesDir()).as("the source tree's profiles, found from target/classes, not the cwd")
                .isEqualTo(Installation.profileDirs().get(0)).isAbsolute().isDirectory();
        assertThat(c.devices()).isEmpty();
        assertThat(c.ble()).isEqualTo(new BleSettings(true, "hci0"));
    }

    @Test
    void configuredValuesWin() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Path cert = Files.writeString(dir.resolve("hub.crt"), "x");
        Path key = Files.writeString(dir.resolve("hub.key"), "x");
        Path creds = Files.writeString(dir.resolve("creds"), "u\np\n");
        AgentConfig c = load("""
                hubId: home-17
                mqtt:
                  broker: mqtts://[2001:db8::1]
                  clientId: thing-{hubId}
                  topicRoot: acme/rpm/{hubId}
                  tls: {caFile: %s, clientCert: %s, clientKey: %s}
                  credentialsFile: %s
                  inflightWindow: 10
                  maxPublishRate: 100/s
                  retainStatus: false
                  keepAlive: 1m
                  connectTimeout: 2.5s
                  backoffMin: 250ms
                  backoffMax: 1h
                  rejectionBackoff: 2h
                store: {path: /tmp/x.db, maxSize: 1.5GiB, minFreeDisk: 64MB, historyDays: 0, groupCommitWindow: 0ms, maxBatch: 5}
                simulation: {enabled: true, interval: 2s, speed: 60, patientKey: demo-1}
                healthInterval: 5m
                logLevel: DEBUG
                profilesDir: %s
                ble: {enabled: false, adapter: hci1}
                devices:
                  - {address: a4:c1:38:00:11:22, profileId: acme-bp200, patientKey: p1, userSlot: 1}
                  - {address: A4:C1:38:00:11:22, profileId: acme-bp200, patientKey: p2, userSlot: 2}
                  - {address: 00:09:1f:8e:2a:1c, profileId: and-ua651ble, patientKey: p1}
                """.formatted(ca, cert, key, creds, dir));
        assertThat(c.hubId()).isEqualTo("home-17");
        UplinkSettings u = c.uplink();
        assertThat(u.broker()).isEqualTo(URI.create("mqtts://[2001:db8::1]:8883"));
        assertThat(u.clientId()).isEqualTo("thing-home-17");
        assertThat(u.topicRoot()).isEqualTo("acme/rpm/home-17");
        assertThat(u.tls()).contains(new UplinkSettings.TlsSettings(java.util.Optional.of(ca),
                java.util.Optional.of(cert), java.util.Optional.of(key)));
        assertThat(u.credentialsFile()).contains(creds);
        assertThat(u.inflightWindow()).isEqualTo(10);
        assertThat(u.maxPublishRate().getAsDouble()).isEqualTo(100.0);
        assertThat(u.retainStatus()).isFalse();
        assertThat(u.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(u.rejectionBackoff()).isEqualTo(Duration.ofHours(2));
        assertThat(c.store().maxBytes()).isEqualTo(3L << 29);
        assertThat(c.store().minFreeDiskBytes()).isEqualTo(64_000_000L);
        assertThat(c.store().historyDays()).isZero();
        assertThat(c.store().dedupDays()).isEqualTo(400); // absent: default
        assertThat(c.simulation()).isEqualTo(new SimulationSettings(true, Duration.ofSeconds(2), 60.0, "demo-1"));
        assertThat(c.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(c.profilesDir()).isEqualTo(dir);
        assertThat(c.ble()).isEqualTo(new BleSettings(false, "hci1"));
        assertThat(c.devices()).containsExactly(
                new ProvisionedDevice("A4:C1:38:00:11:22", "acme-bp200", "p1", OptionalInt.of(1)),
                new ProvisionedDevice("A4:C1:38:00:11:22", "acme-bp200", "p2", OptionalInt.of(2)),
                new ProvisionedDevice("00:09:1F:8E:2A:1C", "and-ua651ble", "p1", OptionalInt.empty()));
    }

    @Test
    void plaintextOnlyToLoopback() throws Exception {
        assertThat(load("mqtt: {broker: 'mqtt://127.0.0.1:18830'}").uplink().broker())
                .isEqualTo(URI.create("mqtt://127.0.0.1:18830"));
        assertThat(load("mqtt: {broker: 'mqtt://localhost'}").uplink().broker())
                .isEqualTo(URI.create("mqtt://localhost:1883"));
        assertThat(load("mqtt: {broker: 'mqtt://[::1]:1884'}").uplink().broker().getPort()).isEqualTo(1884);
        ConfigException e = problems("mqtt: {broker: 'mqtt://broker.example.com:1883'}");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("mqtt.broker");
            assertThat(p.message()).contains("TLS is required").contains("no plaintext fallback");
        });
        assertThat(problems("mqtt: {broker: 'mqtt://10.0.0.1'}").problems()).hasSize(1);
    }

    /** One problem per row: yaml (| = newline), expected path, expected line, fragment of the message. */
    @ParameterizedTest(name = "{1}: {3}")
    @CsvSource(delimiter = ';', textBlock = """
            mqtt:|  broker: mqtts://b|  inflightWindow: 0                 ; mqtt.inflightWindow; 3; must be between 1 and 65535, got 0
            mqtt:|  broker: mqtts://b|  inflightWindw: 5                  ; mqtt.inflightWindw; 3; unknown key (did you mean inflightWindow?)
            mqtt:|  broker: mqtts://b|brokr: x                            ; brokr; 3; unknown key
            mqtt:|  broker: mqtts://b|  inflightWindow: many              ; mqtt.inflightWindow; 3; expected an integer, got text "many"
            mqtt:|  broker: mqtts://b|  retainStatus: 'yes'               ; mqtt.retainStatus; 3; expected true or false
            mqtt:|  broker: mqtts://b|  tls: [a]                          ; mqtt.tls; 3; expected a mapping of keys, got a list
            mqtt:|  broker: mqtts://b|  keepAlive:                        ; mqtt.keepAlive; 3; has no value
            hubId: x|                                                     ; mqtt.broker; 0; required key is missing
            hubId: x|mqtt:|  clientId: c                                  ; mqtt.broker; 2; required key is missing
            mqtt:|  broker: 'mqtts://b:8883/path'                         ; mqtt.broker; 2; scheme://host[:port] only
            mqtt:|  broker: 'https://b'                                   ; mqtt.broker; 2; scheme must be mqtts://
            mqtt:|  broker: 'b:8883'                                      ; mqtt.broker; 2; scheme must be mqtts://
            mqtt:|  broker: 'mqtts://u:p@b'                               ; mqtt.broker; 2; credentials do not belong in the URI
            mqtt:|  broker: 'mqtts://b b'                                 ; mqtt.broker; 2; not a valid URI
            mqtt:|  broker: 'mqtts://b:99999'                             ; mqtt.broker; 2; port must be between 1 and 65535
            mqtt:|  broker: mqtts://b|  tls:|    clientCert: /nonexistent/hub.crt ; mqtt.tls.clientCert; 4; file not found
            mqtt:|  broker: mqtts://b|  credentialsFile: /nonexistent/c   ; mqtt.credentialsFile; 3; file not found
            mqtt:|  broker: mqtt://localhost|  tls: {}                    ; mqtt.tls; 3; broker is plaintext
            mqtt:|  broker: mqtts://b|  keepAlive: 30                     ; mqtt.keepAlive; 3; needs a unit
            mqtt:|  broker: mqtts://b|  keepAlive: -5s                    ; mqtt.keepAlive; 3; must not be negative
            mqtt:|  broker: mqtts://b|  keepAlive: 0s                     ; mqtt.keepAlive; 3; must be between 1s and
            mqtt:|  broker: mqtts://b|  connectTimeout: 5 minutes         ; mqtt.connectTimeout; 3; not a duration
            mqtt:|  broker: mqtts://b|  backoffMin: 10s|  backoffMax: 5s  ; mqtt.backoffMax; 4; must not be less than backoffMin (10s)
            mqtt:|  broker: mqtts://b|  maxPublishRate: 0                 ; mqtt.maxPublishRate; 3; must be greater than 0
            mqtt:|  broker: mqtts://b|  maxPublishRate: fast              ; mqtt.maxPublishRate; 3; expected a number
            mqtt:|  broker: mqtts://b|  topicRoot: a/+/{hubId}            ; mqtt.topicRoot; 3; wildcards
            mqtt:|  broker: mqtts://b|  topicRoot: a/b/c/d/e/f            ; mqtt.topicRoot; 3; more than the 7 AWS IoT allows
            mqtt:|  broker: mqtts://b|  topicRoot: a//b                   ; mqtt.topicRoot; 3; empty levels
            mqtt:|  broker: mqtts://b|  topicRoot: x/{hub}                ; mqtt.topicRoot; 3; unknown placeholder {hub}
            mqtt:|  broker: mqtts://b|  topicRoot: $aws/x                 ; mqtt.topicRoot; 3; must not start with $
            mqtt:|  broker: mqtts://b|  clientId: 'a b'                   ; mqtt.clientId; 3; may only contain
            hubId: 'hub/1'|mqtt: {broker: 'mqtts://b'}                    ; hubId; 1; single MQTT topic level
            hubId: 'hub#'|mqtt: {broker: 'mqtts://b'}                     ; hubId; 1; single MQTT topic level
            hubId: hub-01234567890123456789012345678901234567890123456789012345678901234 ; hubId; 1; at most 64 characters
            hubId: 'hub 1'|mqtt: {broker: 'mqtts://b'}                    ; hubId; 1; may only contain
            mqtt: {broker: 'mqtts://b'}|store:|  maxSize: 512mb           ; store.maxSize; 3; unknown size unit "mb"
            mqtt: {broker: 'mqtts://b'}|store:|  maxSize: -1              ; store.maxSize; 3; must not be negative
            mqtt: {broker: 'mqtts://b'}|store:|  minFreeDisk: 1.5B        ; store.minFreeDisk; 3; not a whole number of bytes
            mqtt: {broker: 'mqtts://b'}|store:|  historyDays: -3          ; store.historyDays; 3; must be between 0 and 36500, got -3
            mqtt: {broker: 'mqtts://b'}|store:|  maxBatch: 0              ; store.maxBatch; 3; must be between 1 and
            mqtt: {broker: 'mqtts://b'}|logLevel: verbose                 ; logLevel; 2; must be one of error, warn
            mqtt: {broker: 'mqtts://b'}|profilesDir: /nonexistent/p       ; profilesDir; 2; not a directory
            mqtt: {broker: 'mqtts://b'}|ble: {adapter: bluetooth0}        ; ble.adapter; 2; like hci0
            mqtt: {broker: 'mqtts://b'}|simulation:|  speed: 0            ; simulation.speed; 3; must be greater than 0
            mqtt: {broker: 'mqtts://b'}|simulation:|  enabled: 1          ; simulation.enabled; 3; expected true or false, got integer 1
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'AA:BB:CC:DD:EE', profileId: p, patientKey: k} ; devices[0].address; 3; AA:BB:CC:DD:EE:FF
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'COM3', profileId: p, patientKey: k} ; devices[0].address; 3; must be a Bluetooth address AA:BB:CC:DD:EE:FF, got COM3
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: '/dev/ttyUSB0', profileId: p, patientKey: k} ; devices[0].address; 3; USB serial devices are planned, not built yet
            mqtt: {broker: 'mqtts://b'}|controlSocket: /run/vg.sock       ; controlSocket; 2; the local control socket is planned, not built yet
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'AA:BB:CC:DD:EE:01', profileId: p, patientKey: '  '} ; devices[0].patientKey; 3; must not be blank
            mqtt: {broker: 'mqtts://b'}|devices:|  - address: 'AA:BB:CC:DD:EE:01'|    profileId: p ; devices[0].patientKey; 3; required key is missing
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'AA:BB:CC:DD:EE:01', profileId: 'a b', patientKey: k} ; devices[0].profileId; 3; must be a profile id
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'AA:BB:CC:DD:EE:01', profileId: p, patientKey: k, userSlot: 256} ; devices[0].userSlot; 3; between 0 and 255
            mqtt: {broker: 'mqtts://b'}|devices: {address: x}             ; devices; 2; expected a list
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'aa:bb:cc:dd:ee:ff', profileId: p, patientKey: k}|  - {address: 'AA:BB:CC:DD:EE:FF', profileId: p, patientKey: j} ; devices[1].address; 4; already assigned at line 3
            mqtt: {broker: 'mqtts://b'}|devices:|  - {address: 'AA:BB:CC:DD:EE:02', profileId: p, patientKey: k, userSlot: 1}|  - {address: 'AA:BB:CC:DD:EE:02', profileId: p, patientKey: j} ; devices[1].address; 4; already assigned at line 3
            mqtt: {broker: 'mqtts://b'}|mqtt: {broker: 'mqtts://c'}       ; mqtt; 2; duplicate key (first at line 1)
            mqtt:|  broker: mqtts://b|  keepAlive: 1s|  keepAlive: 2s     ; mqtt.keepAlive; 4; duplicate key (first at line 3)
            mqtt: {broker: 'mqtts://b'|                                   ; ''; 2; YAML syntax error: expected ',' or '}'
            mqtt:|  broker: mqtts://b| inflightWindow: 3                  ; ''; 3; YAML syntax error
            mqtt:|  broker: "mqtts://b|                                   ; ''; 3; YAML syntax error
            '- a|- b'                                                     ; ''; 1; expected a mapping of keys at the top
            """)
    void eachProblemIsReportedWithPathAndLine(String yaml, String path, int line, String fragment) {
        ConfigException e = problems(yaml.replace("'- a|- b'", "- a|- b").replace('|', '\n'));
        assertThat(e).as("expected a problem for %s", yaml).isNotNull();
        assertThat(e.problems()).as(e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.message()).contains(fragment);
                });
    }

    @Test
    void allProblemsOfAFileAreListedInLineOrder() throws Exception {
        Files.writeString(file, """
                hubId: hub/1
                mqtt:
                  broker: mqtt://broker.example.com
                  inflightWindow: 0
                  keepalive: 30s
                store:
                  maxSize: 12 parsecs
                logLevel: chatty
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.read(file));
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly(
                "hubId", "mqtt.broker", "mqtt.inflightWindow", "mqtt.keepalive", "store.maxSize", "logLevel");
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(1, 3, 4, 5, 7, 8);
        assertThat(e.getMessage()).startsWith("invalid configuration " + file + " (6 problems):\n")
                .contains("\nagent.yaml:4: mqtt.inflightWindow: must be between 1 and 65535, got 0\n")
                .contains("\nagent.yaml:5: mqtt.keepalive: unknown key (did you mean keepAlive?)\n");
        assertThat(e.getMessage().lines()).hasSize(7);
    }

    @Test
    void unreadableOrMissingFile() throws Exception {
        ConfigException missing = catchThrowableOfType(ConfigException.class, () -> loader.read(dir.resolve("nope.yaml")));
        assertThat(missing.getMessage()).endsWith("nope.yaml: file not found");
        Path binary = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThat(catchThrowableOfType(ConfigException.class, () -> loader.read(binary)).problems())
                .extracting(ConfigProblem::message).containsExactly("not UTF-8 text");
        ConfigException dirAsFile = catchThrowableOfType(ConfigException.class, () -> loader.read(dir));
        assertThat(dirAsFile.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("cannot read"));
    }

    @Test
    void emptyFileOnlyLacksTheBroker() {
        assertThat(problems("").problems()).extracting(ConfigProblem::path).containsExactly("mqtt.broker");
        assertThat(problems("# nothing\n").problems()).extracting(ConfigProblem::path).containsExactly("mqtt.broker");
    }

    @Test
    void hubIdNeedsAMachineIdWhenNotConfigured() throws Exception {
        ConfigLoader noMachineId = new ConfigLoader(List.of(dir.resolve("none")));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> noMachineId.parse(BROKER, file));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("hubId");
            assertThat(p.message()).contains("no machine id");
        });
        assertThat(noMachineId.parse("hubId: h1\n" + BROKER, file).hubId()).isEqualTo("h1");
    }

    @Test
    void clientCertWithoutKey() throws Exception {
        Path cert = Files.writeString(dir.resolve("hub.crt"), "x");
        ConfigException e = problems("mqtt:\n  broker: mqtts://b\n  tls:\n    clientCert: " + cert + "\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("mqtt.tls.clientKey");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("required with clientCert");
        });
    }

    @Test
    void sizes() {
        assertThat(ConfigValues.parseSize("0")).isZero();
        assertThat(ConfigValues.parseSize("1048576")).isEqualTo(1_048_576L);
        assertThat(ConfigValues.parseSize("512MiB")).isEqualTo(512L << 20);
        assertThat(ConfigValues.parseSize("512 MiB")).isEqualTo(512L << 20);
        assertThat(ConfigValues.parseSize("64MB")).isEqualTo(64_000_000L);
        assertThat(ConfigValues.parseSize("1.5KiB")).isEqualTo(1536L);
        assertThat(ConfigValues.parseSize("10B")).isEqualTo(10L);
        assertThat(ConfigValues.parseSize("8TiB")).isEqualTo(8L << 40);
        assertThat(ConfigValues.parseSize("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ConfigValues.parseSize("9223372036854775808")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ConfigValues.parseSize("8388608TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ConfigValues.parseSize("0.5B")).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> ConfigValues.parseSize("1.0000001KB")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigValues.parseSize("-1MiB")).hasMessageContaining("negative");
        assertThatThrownBy(() -> ConfigValues.parseSize("5mib")).hasMessageContaining("unknown size unit");
        assertThatThrownBy(() -> ConfigValues.parseSize("MiB")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ConfigValues.parseSize("")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ConfigValues.parseSize("1e3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durations() {
        assertThat(ConfigValues.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigValues.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigValues.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigValues.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigValues.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ConfigValues.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigValues.parseDuration("0s")).isZero();
        assertThat(ConfigValues.parseDuration(" 10 s ")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> ConfigValues.parseDuration("30")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> ConfigValues.parseDuration("0.5ms")).hasMessageContaining("finer than a millisecond");
        assertThatThrownBy(() -> ConfigValues.parseDuration("-1s")).hasMessageContaining("negative");
        assertThatThrownBy(() -> ConfigValues.parseDuration("1h30m")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ConfigValues.parseDuration("30S")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ConfigValues.parseDuration("99999999999999999d")).hasMessageContaining("too large");
    }

    @Test
    void hubIdDerivationIsStableAndHidesTheMachineId() throws Exception {
        assertThat(HubIds.derive(MACHINE_ID)).isEqualTo(expectedHubId()).isEqualTo(HubIds.derive(MACHINE_ID));
        assertThat(HubIds.derive("ffffffffffffffffffffffffffffffff")).isNotEqualTo(expectedHubId());
        assertThat(HubIds.problem("hub-3f9a1c0d2b7e")).isEmpty();
        assertThat(HubIds.problem("a+b")).isPresent();
    }
}
