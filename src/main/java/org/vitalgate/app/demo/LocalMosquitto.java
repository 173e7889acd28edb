package org.vitalgate.app.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker for the demo: its own process, listening on 127.0.0.1 only, on an ephemeral port that stays
 * the same across {@link #stop()}/{@link #start()} (an outage), with persistence so a subscriber's session and
 * its queued messages survive the outage. Not thread-safe: owned by the demo.
 */
public final class LocalMosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private LocalMosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker whose files live in {@code dir}. */
    public static LocalMosquitto start(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        // mosquitto started as root drops to user "mosquitto": it must be able to write its persistence file here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        LocalMosquitto broker = new LocalMosquitto(dir, freePort());
        broker.writeConfig();
        broker.start();
        return broker;
    }

    public URI uri() {
        return URI.create("mqtt://127.0.0.1:" + port);
    }

    /** (Re)starts the broker on the same port; returns once it accepts connections. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see "
                        + dir.resolve("mosquitto.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    /** Stops the broker cleanly (SIGTERM: it saves its persistence file). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() throws IOException {
        List<String> lines = List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "max_queued_messages 100000",
                "log_type error",
                "log_type warning");
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, lines, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
