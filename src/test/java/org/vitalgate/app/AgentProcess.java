package org.vitalgate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a child JVM ({@code java -jar target/vitalgate.jar run --config …}), as systemd runs it: for tests
 * that kill it with SIGKILL or stop it with SIGTERM. Output goes to a log file beside the config.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        String jar = System.getProperty("vitalgate.jar", "target/vitalgate.jar");
        Path p = Path.of(jar);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no " + p + ": run `mvn verify` (the jar is built in `package`)");
        }
        return p;
    }

    static AgentProcess start(Path config, Path log, String... command) throws IOException {
        return start(config, log, java.util.Map.of(), command);
    }

    /** As {@link #start(Path, Path, String...)} with extra environment variables (e.g. systemd's). */
    static AgentProcess start(Path config, Path log, java.util.Map<String, String> env, String... command)
            throws IOException {
        return start(jar(), Path.of("").toAbsolutePath(), config, log, env, command);
    }

    /** As {@link #start(Path, Path, String...)} with another jar (e.g. a copy in an installation directory) and cwd. */
    static AgentProcess start(Path jar, Path workingDir, Path config, Path log, String... command) throws IOException {
        return start(jar, workingDir, config, log, java.util.Map.of(), command);
    }

    private static AgentProcess start(Path jar, Path workingDir, Path config, Path log, java.util.Map<String, String> env,
                                      String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(command.length == 0 ? List.of("run", "--config", config.toString()) : List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        return new AgentProcess(p, log);
    }

    /** SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd stops it; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent did not stop within " + timeout + " after SIGTERM; log:\n" + log());
        }
        return process.exitValue();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent still running after " + timeout);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
