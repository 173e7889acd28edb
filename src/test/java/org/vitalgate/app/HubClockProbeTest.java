package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.reading.HubClock;

class HubClockProbeTest {
    @TempDir
    Path dir;

    @Test
    void followsSystemdTimesyncd() throws Exception {
        Path timesync = dir.resolve("timesync");
        HubClockProbe probe = new HubClockProbe(timesync);
        assertThat(probe.get()).as("no timesyncd: the hub cannot tell").isEqualTo(HubClock.UNKNOWN);
        Files.createDirectories(timesync);
        assertThat(probe.get()).as("timesyncd runs, no NTP answer yet").isEqualTo(HubClock.NOT_SYNCHRONIZED);
        Files.createFile(timesync.resolve("synchronized"));
        assertThat(probe.get()).isEqualTo(HubClock.SYNCHRONIZED);
    }
}
