package org.vitalgate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo finds the shipped profiles from where it was installed or built, never from the working directory. */
class BleDemoHomeProfilesTest {
    @Test
    void profilesComeFromTheInstallationNeverTheWorkingDirectory() {
        assertThat(BleDemoHome.PROFILE_DIRS).allMatch(Path::isAbsolute);
        // these tests run from target/classes: the source tree's device-profiles is the installation's
        assertThat(BleDemoHome.PROFILE_DIRS.get(0).getFileName()).hasToString("device-profiles");
        assertThat(BleDemoHome.PROFILE_DIRS.get(0).resolve("and-ua651ble.yaml")).isRegularFile();
        assertThat(BleDemoHome.PROFILE_DIRS).last().isEqualTo(Path.of("/usr/share/vitalgate/device-profiles"));
    }
}
