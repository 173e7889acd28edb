package org.vitalgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code mosquitto} process for integration tests, on ephemeral 127.0.0.1 ports with a generated
 * configuration in its own temp directory (persistence off, anonymous clients allowed).
 *
 * <p>Listeners: the <em>main</em> listener ({@link #port()}, {@link #uri()}) is plaintext or TLS as configured;
 * a TLS broker can also get an extra <em>plain</em> listener ({@link #plainPort()}) so that test subscribers
 * can watch traffic without TLS material. {@link #stop()} (SIGTERM), {@link #kill()} (SIGKILL) and
 * {@link #start()} again reuse the same ports, for outage tests.
 *
 * <p>The broker's log goes to {@code mosquitto.log} in its directory ({@link #log()}) and is kept under
 * {@code target/mosquitto-logs/} on close. Use it with try-with-resources, or register it with
 * {@code @RegisterExtension}: then it is closed after each test and its log is printed when the test failed.
 *
 * <p>Privileges: mosquitto started as root drops to user {@code mosquitto} unless told otherwise; the config
 * names the current user ({@code user <user.name>}), which keeps root as root (it can read the 0600 key
 * files in the 0700 temp dir) and is ignored when run as a non-root user.
 *
 * <p>Not thread-safe: drive it from the test thread.
 */
public final class MosquittoBroker implements AutoCloseable, AfterEachCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * TLS listener settings.
     *
     * @param caFile             CA certificate(s) used to verify client certificates
     * @param certFile           the broker's certificate
     * @param keyFile            the broker's private key
     * @param requireCertificate whether clients must present a certificate signed by {@code caFile}
     * @param tlsVersion         e.g. {@code tlsv1.3} or {@code tlsv1.2}; empty: mosquitto's default
     */
    public record Tls(Path caFile, Path certFile, Path keyFile, boolean requireCertificate,
                      Optional<String> tlsVersion) {
        public Tls {
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(tlsVersion, "tlsVersion");
        }

        /** Server TLS with the PKI's server certificate; client certificates optional. */
        public static Tls server(TestPki pki) {
            return new Tls(pki.caCert(), pki.serverCert(), pki.serverKey(), false, Optional.empty());
        }

        /** Mutual TLS: a client certificate signed by the PKI's CA is required. */
        public static Tls mutual(TestPki pki) {
            return new Tls(pki.caCert(), pki.serverCert(), pki.serverKey(), true, Optional.empty());
        }

        public Tls withTlsVersion(String version) {
            return new Tls(caFile, certFile, keyFile, requireCertificate, Optional.of(version));
        }

        public Tls withServerCert(Path cert, Path key) {
            return new Tls(caFile, cert, key, requireCertificate, tlsVersion);
        }
    }

    private final Optional<Tls> tls;
    private final boolean extraPlainListener;
    private final List<String> extraConfig = new ArrayList<>();
    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private final int plainPort;
    private Process process;

    private MosquittoBroker(Optional<Tls> tls, boolean extraPlainListener, List<String> extraConfig) {
        this.tls = tls;
        this.extraPlainListener = extraPlainListener;
        this.extraConfig.addAll(extraConfig);
        try {
            this.dir = Files.createTempDirectory("mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        int[] ports = freePorts(extraPlainListener ? 2 : 1);
        this.port = ports[0];
        this.plainPort = extraPlainListener ? ports[1] : -1;
    }

    /** A plaintext broker, not yet started. */
    public static MosquittoBroker plain() {
        return new MosquittoBroker(Optional.empty(), false, List.of());
    }

    /** A TLS broker plus a plaintext listener for test subscribers, not yet started. */
    public static MosquittoBroker tls(Tls tls) {
        return new MosquittoBroker(Optional.of(tls), true, List.of());
    }

    /** A TLS broker without any plaintext listener, not yet started. */
    public static MosquittoBroker tlsOnly(Tls tls) {
        return new MosquittoBroker(Optional.of(tls), false, List.of());
    }

    /** Appends raw lines to the configuration (applied at the next {@link #start()}). */
    public MosquittoBroker withConfig(String... lines) {
        extraConfig.addAll(List.of(lines));
        return this;
    }

    /** Convenience: {@code plain().start()}. */
    public static MosquittoBroker startPlain() {
        return plain().start();
    }

    /** Writes the config, starts mosquitto and waits until every listener accepts connections. */
    public MosquittoBroker start() {
        if (isRunning()) {
            throw new IllegalStateException("already running");
        }
        writeConfig();
        try {
            ProcessBuilder pb = new ProcessBuilder("mosquitto", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(accepts(port) && (plainPort < 0 || accepts(plainPort)))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("mosquitto not ready within " + READY_TIMEOUT + ":\n" + log());
            }
            sleep(5);
        }
        return this;
    }

    /** SIGTERM and wait for the process to exit (clients see a clean socket close, no DISCONNECT). */
    public void stop() {
        if (process != null) {
            process.destroy();
            await(process);
        }
    }

    /** SIGKILL and wait for the process to exit. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            await(process);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The main listener's port (TLS for a TLS broker). Stable across restarts. */
    public int port() {
        return port;
    }

    /** The extra plaintext listener of a TLS broker, or the main port of a plaintext broker. */
    public int plainPort() {
        return plainPort > 0 ? plainPort : (tls.isEmpty() ? port : -1);
    }

    /** {@code mqtts://127.0.0.1:port} for a TLS broker, {@code mqtt://127.0.0.1:port} otherwise. */
    public URI uri() {
        return URI.create((tls.isPresent() ? "mqtts" : "mqtt") + "://" + HOST + ":" + port);
    }

    /** A {@code tcp://} URI of the plaintext listener, for Paho test subscribers. */
    public String plainTcpUri() {
        int p = plainPort();
        if (p < 0) {
            throw new IllegalStateException("this broker has no plaintext listener");
        }
        return "tcp://" + HOST + ":" + p;
    }

    public Path directory() {
        return dir;
    }

    /** Everything mosquitto logged so far (all starts). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * Kills the process and deletes the directory. Idempotent. The log is first copied to
     * {@code target/mosquitto-logs/} when run from the project directory (for post-mortems of failed tests).
     */
    @Override
    public void close() {
        kill();
        keepLog();
        deleteDir();
    }

    private void keepLog() {
        Path target = Path.of("target");
        if (Files.isDirectory(target) && Files.exists(log)) {
            try {
                Path logs = Files.createDirectories(target.resolve("mosquitto-logs"));
                Files.copy(log, logs.resolve(dir.getFileName() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.debug("cannot keep {}", log, e);
            }
        }
    }

    /** As a registered extension: print the log if the test failed, then close. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            LOG.warn("mosquitto log for failed test {}:\n{}", context.getDisplayName(), log());
        }
        close();
    }

    private void writeConfig() {
        List<String> lines = new ArrayList<>();
        lines.add("user " + System.getProperty("user.name"));
        lines.add("persistence false");
        lines.add("log_dest file " + log);      // stdout would be block-buffered into the file
        lines.add("log_type error");
        lines.add("log_type warning");
        lines.add("log_type notice");
        lines.add("log_type information");
        lines.add("connection_messages true");
        lines.add("log_timestamp_format %H:%M:%S");
        lines.add("per_listener_settings false");
        lines.add("allow_anonymous true");
        lines.add("listener " + port + " " + HOST);
        tls.ifPresent(t -> {
            lines.add("cafile " + t.caFile());
            lines.add("certfile " + t.certFile());
            lines.add("keyfile " + t.keyFile());
            lines.add("require_certificate " + t.requireCertificate());
            t.tlsVersion().ifPresent(v -> lines.add("tls_version " + v));
        });
        if (plainPort > 0) {
            lines.add("listener " + plainPort + " " + HOST);
        }
        lines.addAll(extraConfig);
        try {
            Files.write(config, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteDir() {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}", dir, e);
        }
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(Process p) {
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
