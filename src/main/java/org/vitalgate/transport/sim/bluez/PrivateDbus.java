package org.vitalgate.transport.sim.bluez;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A private {@code dbus-daemon} for one test: session-like policy, listening only on a unix socket in a fresh
 * temporary directory. {@link #address()} is what clients connect to; {@link #close()} kills the daemon and
 * deletes the directory, also when start-up failed half-way. Thread-safe.
 */
public final class PrivateDbus implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final String address;

    private PrivateDbus(Path dir, Process process, String address) {
        this.dir = dir;
        this.process = process;
        this.address = address;
    }

    /** Starts a daemon and waits (≤ 10 s) until it printed its address. */
    public static PrivateDbus start() throws IOException {
        Path dir = Files.createTempDirectory("vitalgate-dbus");
        Process process = null;
        try {
            Path socket = dir.resolve("bus");
            Path config = dir.resolve("bus.conf");
            Files.writeString(config, config(socket), StandardCharsets.UTF_8);
            process = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address")
                    .redirectError(dir.resolve("stderr.log").toFile())
                    .start();
            Process p = process;
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String printed = line.get(10, TimeUnit.SECONDS);
            if (printed == null || !printed.startsWith("unix:")) {
                throw new IOException("dbus-daemon did not print an address: " + printed + " stderr: "
                        + Files.readString(dir.resolve("stderr.log")));
            }
            // the daemon prints "unix:path=...,guid=..."; clients want the path part only
            String addr = printed.trim();
            int comma = addr.indexOf(',');
            return new PrivateDbus(dir, process, comma > 0 ? addr.substring(0, comma) : addr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanup(process, dir);
            throw new IOException("interrupted while starting dbus-daemon", e);
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
            cleanup(process, dir);
            throw e instanceof IOException io ? io : new IOException("dbus-daemon did not start", e);
        }
    }

    private static String config(Path socket) {
        return """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(socket);
    }

    public String address() {
        return address;
    }

    @Override
    public void close() {
        cleanup(process, dir);
    }

    private static void cleanup(Process process, Path dir) {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
