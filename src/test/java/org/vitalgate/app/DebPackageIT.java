package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build makes (target/vitalgate_*_all.deb): metadata and contents, lintian, the unit's
 * hardening score, and a real dpkg install, upgrade, remove and purge into a scratch root (dpkg --root with
 * --force-script-chrootless: the maintainer scripts run with DPKG_ROOT and really create the user, the enable
 * link and the files there). A fake systemctl/deb-systemd-invoke on PATH records what the scripts ask of a
 * running systemd.
 */
class DebPackageIT {
    @TempDir
    Path dir;

    static Path deb() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("vitalgate_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/vitalgate_*_all.deb: run mvn verify"));
        }
    }

    @Test
    void metadataAndContents() throws Exception {
        Path deb = deb();
        String fields = run(Map.of(), "dpkg-deb", "--field", deb.toString()).out;
        assertThat(fields).contains("Package: vitalgate").contains("Architecture: all")
                .containsPattern("Depends: default-jre-headless \\(>= 2:1\\.17\\) \\| java17-runtime-headless, bluez");
        List<String> files = run(Map.of(), "dpkg-deb", "--contents", deb.toString()).out.lines()
                .map(l -> l.substring(l.indexOf("./") + 1)).toList();
        assertThat(files).contains("/usr/share/vitalgate/vitalgate.jar", "/usr/bin/vitalgate",
                "/lib/systemd/system/vitalgate.service", "/usr/lib/sysusers.d/vitalgate.conf",
                "/usr/lib/tmpfiles.d/vitalgate.conf", "/etc/vitalgate/agent.yaml",
                "/usr/share/vitalgate/device-profiles/and-ua651ble.yaml",
                "/usr/share/bash-completion/completions/vitalgate", "/usr/share/doc/vitalgate/README.md",
                "/usr/share/doc/vitalgate/bom.json", "/usr/share/doc/vitalgate/copyright",
                "/usr/share/doc/vitalgate/changelog.Debian.gz", "/usr/share/man/man1/vitalgate.1.gz");
        Path control = dir.resolve("control");
        run(Map.of(), "dpkg-deb", "--control", deb.toString(), control.toString());
        assertThat(Files.readString(control.resolve("conffiles")).strip()).isEqualTo("/etc/vitalgate/agent.yaml");
        System.out.printf("package %s: %d bytes, jar %d bytes%n", deb.getFileName(), Files.size(deb),
                Files.size(AgentProcess.jar()));
    }

    @Test
    void lintianFindsNoErrorOrWarning() throws Exception {
        Result r = run(Map.of(), "lintian", "--fail-on", "error,warning", "--display-info",
                deb().toString());
        System.out.println("lintian:\n" + r.out);
        assertThat(r.exit).as(r.out).isZero();
    }

    @Test
    void theUnitIsHardenedAndWatched() throws Exception {
        Path unit = dir.resolve("vitalgate.service");
        Files.copy(Path.of("systemd/vitalgate.service"), unit);
        String text = Files.readString(unit);
        assertThat(text).contains("Type=notify").contains("WatchdogSec=").contains("RestartPreventExitStatus=2 3")
                .contains("-XX:+ExitOnOutOfMemoryError").contains("MemoryMax=").contains("DevicePolicy=closed")
                .contains("-Djava.io.tmpdir=/var/cache/vitalgate").contains("CacheDirectory=vitalgate");
        String out = run(Map.of(), "systemd-analyze", "security", "--offline=true", "--no-pager", unit.toString()).out;
        Matcher m = Pattern.compile("Overall exposure level for vitalgate.service: (\\d+\\.\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        System.out.println("systemd-analyze security: " + m.group(1));
        assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(2.0);
    }

    @Test
    void installUpgradeRemovePurgeInAScratchRoot() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createDirectories(root.resolve("run/systemd/system"));     // "systemd is running" for the scripts
        Path calls = dir.resolve("systemd-calls.log");
        Path bin = Files.createDirectories(dir.resolve("fakebin"));
        for (String tool : List.of("systemctl", "deb-systemd-invoke")) {
            Path f = bin.resolve(tool);
            Files.writeString(f, "#!/bin/sh\necho \"" + tool + " $*\" >> " + calls + "\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> env = Map.of("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        String deb = deb().toString();

        Result install = dpkg(env, root, "--install", deb);
        assertThat(install.exit).as(install.out).isZero();
        assertThat(root.resolve("usr/share/vitalgate/vitalgate.jar")).isRegularFile();
        assertThat(root.resolve("usr/bin/vitalgate")).isExecutable();
        String unit = Files.readString(root.resolve("lib/systemd/system/vitalgate.service"));
        for (String path : List.of("/usr/share/vitalgate/vitalgate.jar", "/etc/vitalgate/agent.yaml")) {
            assertThat(unit).contains(path);                              // what the unit expects is there
            assertThat(root.resolve(path.substring(1))).exists();
        }
        assertThat(root.resolve("usr/share/vitalgate/device-profiles")).isDirectoryContaining("glob:**.yaml");
        assertThat(Files.readString(root.resolve("etc/passwd"))).containsPattern("(?m)^vitalgate:x:\\d+:");
        String group = Files.readString(root.resolve("etc/group"));
        assertThat(group).containsPattern("(?m)^bluetooth:.*vitalgate").containsPattern("(?m)^dialout:.*vitalgate");
        Path conf = root.resolve("etc/vitalgate/agent.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
        assertThat(Files.getAttribute(conf, "unix:gid")).isEqualTo(gid(group, "vitalgate"));
        Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/vitalgate.service");
        assertThat(wants).as("enabled on first install").isSymbolicLink();
        assertThat(Files.readSymbolicLink(wants)).hasToString("/lib/systemd/system/vitalgate.service");
        assertThat(calls(calls)).as("not started on first install").noneMatch(c -> c.contains("start vitalgate"));

        Result upgrade = dpkg(env, root, "--install", deb);
        assertThat(upgrade.exit).as(upgrade.out).isZero();
        assertThat(calls(calls)).as("restarted on upgrade").contains("deb-systemd-invoke try-restart vitalgate.service");

        Files.writeString(root.resolve("var/lib/vitalgate/vitalgate.db"), "unsent readings");
        Result remove = dpkg(env, root, "--remove", "vitalgate");
        assertThat(remove.exit).as(remove.out).isZero();
        assertThat(calls(calls)).contains("deb-systemd-invoke stop vitalgate.service");
        assertThat(root.resolve("usr/share/vitalgate/vitalgate.jar")).doesNotExist();
        assertThat(root.resolve("var/lib/vitalgate/vitalgate.db")).as("state kept on remove").exists();
        assertThat(conf).as("conffile kept on remove").exists();

        Result purge = dpkg(env, root, "--purge", "vitalgate");
        assertThat(purge.exit).as(purge.out).isZero();
        assertThat(root.resolve("var/lib/vitalgate")).as("state deleted on purge").doesNotExist();
        assertThat(root.resolve("etc/vitalgate")).doesNotExist();
        System.out.println("dpkg install:\n" + install.out + "dpkg upgrade:\n" + upgrade.out + "dpkg remove:\n"
                + remove.out + "dpkg purge:\n" + purge.out + "systemd calls:\n" + String.join("\n", calls(calls)));
    }

    private static Object gid(String groupFile, String name) {
        return groupFile.lines().filter(l -> l.startsWith(name + ":")).map(l -> Integer.parseInt(l.split(":")[2]))
                .findFirst().orElseThrow();
    }

    private static List<String> calls(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static Result dpkg(Map<String, String> env, Path root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--force-depends", "--force-not-root", "--log=/dev/null"));
        cmd.addAll(List.of(args));
        return run(env, cmd.toArray(String[]::new));
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
