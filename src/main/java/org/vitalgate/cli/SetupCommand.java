package org.vitalgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.vitalgate.config.AgentConfig;
import org.vitalgate.config.ConfigException;
import org.vitalgate.config.ConfigLoader;
import org.vitalgate.uplink.BrokerCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vitalgate setup}: what an installer does once per hub. Sets the broker (and hub id) in the
 * configuration file, installs the hub's TLS identity under {@code /etc/vitalgate/tls} or generates a key and a
 * certificate signing request for the platform to sign, prints the hub id and checks that the broker accepts
 * the hub. Idempotent: running it again with the same options changes nothing (an existing key is kept). The
 * new file is validated before it replaces the old one. Exit codes: 0 done (and the check passed or was
 * skipped), 1 the broker check or a file operation failed, 2 the resulting configuration is invalid.
 */
@Command(name = "setup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Set the broker and the hub's TLS identity, print the hub id, check the broker.")
final class SetupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config = AgentConfig.DEFAULT_FILE;

    @Option(names = "--broker", paramLabel = "URL", description = "mqtts://host[:port]")
    URI broker;

    @Option(names = "--hub-id", paramLabel = "ID", description = "Hub id, when the platform assigns one (default: from /etc/machine-id).")
    String hubId;

    @Option(names = "--ca", paramLabel = "PEM", description = "CA certificate(s) of the broker (default: the JVM's trust store).")
    Path ca;

    @Option(names = "--cert", paramLabel = "PEM", description = "The hub's client certificate (with --key, or signed from the generated CSR).")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "The hub's private key (PKCS#8 or PKCS#1/SEC1, unencrypted).")
    Path key;

    @Option(names = "--generate-key", description = "Generate an EC P-256 key (kept if one exists) and a CSR for the platform to sign.")
    boolean generateKey;

    @Option(names = "--tls-dir", paramLabel = "DIR", description = "Where the TLS identity goes (default: tls/ beside the configuration file).")
    Path tlsDir;

    @Option(names = "--no-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Connect to the broker once as the service would (default: on).")
    boolean check;

    @Option(names = "--check-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
            description = "How long the broker check waits (default: ${DEFAULT-VALUE}).")
    Duration checkTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (key != null && cert == null) {
            err.println("--key needs --cert (a key without its certificate cannot be used)");
            return 2;
        }
        Path dir = tlsDir != null ? tlsDir : config.toAbsolutePath().getParent().resolve("tls");
        try {
            ObjectNode root = read(config);
            if (broker != null) {
                object(root, "mqtt").put("broker", broker.toString());
            }
            if (hubId != null) {
                root.put("hubId", hubId);
            }
            TlsIdentity tls = new TlsIdentity(dir);
            if (ca != null) {
                object(object(root, "mqtt"), "tls").put("caFile", tls.installCa(ca).toString());
            }
            if (cert != null) {
                Path[] installed = tls.installIdentity(cert, key);
                ObjectNode t = object(object(root, "mqtt"), "tls");
                t.put("clientCert", installed[0].toString());
                t.put("clientKey", installed[1].toString());
            }
            AgentConfig cfg = writeValidated(root, err);
            if (cfg == null) {
                return 2;
            }
            out.println("configuration: " + config);
            out.println("hub id: " + cfg.hubId());
            if (generateKey) {
                Path csr = tls.ensureKeyAndCsr(cfg.hubId());
                out.println("certificate signing request (CN=" + cfg.hubId() + "): " + csr);
                out.print(Files.readString(csr));
                out.println("have the platform sign it, then: vitalgate setup --cert SIGNED.pem");
            }
            if (!check) {
                out.println("broker check: skipped");
                return 0;
            }
            BrokerCheck.Result result = BrokerCheck.connect(cfg.uplink(), checkTimeout);
            out.println("broker check: " + (result.ok() ? "OK, " : "FAILED, ") + result.message());
            if (result.ok()) {
                out.println("next: sudo systemctl restart vitalgate && journalctl -u vitalgate -f");
            }
            return result.ok() ? 0 : 1;
        } catch (IOException | java.security.GeneralSecurityException | org.vitalgate.uplink.TlsMaterialException
                | RuntimeException e) {
            err.println("setup failed: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static ObjectNode read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node = YAML.readTree(file.toFile());
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new IOException(file + " is not a YAML mapping");
        }
        return (ObjectNode) node;
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        return n instanceof ObjectNode o ? o : parent.putObject(name);
    }

    /** Writes beside the file, validates, then replaces it (same owner group and mode); null if invalid. */
    private AgentConfig writeValidated(ObjectNode root, PrintWriter err) throws IOException {
        Path target = config.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".setup");
        String header = "# vitalgate configuration, edited by `vitalgate setup` (comments are not kept).\n"
                + "# Every key with its default: /usr/share/doc/vitalgate/examples/agent.example.yaml\n";
        Files.writeString(tmp, header + YAML.writeValueAsString(root));
        try {
            AgentConfig cfg = ConfigLoader.load(tmp);
            Files.createDirectories(target.getParent());
            TlsIdentity.copyOwnership(target, tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return ConfigLoader.load(target);
        } catch (ConfigException e) {
            err.println("the configuration would be invalid; " + target + " is unchanged:");
            err.println(e.getMessage());
            return null;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
