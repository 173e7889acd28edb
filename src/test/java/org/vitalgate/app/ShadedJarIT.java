package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jar carries native libraries for Linux on a Pi and on a developer's x86-64 machine, nothing else. */
class ShadedJarIT {
    @Test
    void onlyLinuxArmAarch64AndX8664Natives() throws Exception {
        Set<String> natives = new TreeSet<>();
        try (JarFile jar = new JarFile(AgentProcess.jar().toFile())) {
            jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib")
                            || n.endsWith(".jnilib") || n.endsWith(".a"))
                    .forEach(natives::add);
        }
        assertThat(natives).filteredOn(n -> n.startsWith("org/sqlite/")).containsExactlyInAnyOrder(
                "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                "org/sqlite/native/Linux/arm/libsqlitejdbc.so",
                "org/sqlite/native/Linux/armv6/libsqlitejdbc.so",
                "org/sqlite/native/Linux/armv7/libsqlitejdbc.so",
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
        assertThat(natives).filteredOn(n -> n.startsWith("com/sun/jna/")).containsExactlyInAnyOrder(
                "com/sun/jna/linux-aarch64/libjnidispatch.so",
                "com/sun/jna/linux-arm/libjnidispatch.so",
                "com/sun/jna/linux-x86-64/libjnidispatch.so");
        assertThat(natives).allMatch(n -> n.contains("Linux") || n.contains("linux"));
    }
}
