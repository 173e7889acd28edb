package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.reading.HubClock;

class HubClockProbeTest {
    /** chronyc -n tracking of a chronyd synchronized to a server (chrony 4.x layout). */
    static final String CHRONY_SYNCED = """
            Reference ID    : C0A80101 (192.168.1.1)
            Stratum         : 3
            Ref time (UTC)  : Thu Dec 03 20:01:02 2026
            System time     : 0.000012345 seconds fast of NTP time
            Last offset     : -0.000041040 seconds
            RMS offset      : 0.000053422 seconds
            Frequency       : 2.286 ppm slow
            Residual freq   : -0.000 ppm
            Skew            : 0.012 ppm
            Root delay      : 0.012706812 seconds
            Root dispersion : 0.000430042 seconds
            Update interval : 1029.8 seconds
            Leap status     : Normal
            """;
    /** chronyc -n tracking right after boot, before any server answered. */
    static final String CHRONY_UNSYNCED = """
            Reference ID    : 00000000 ()
            Stratum         : 0
            Ref time (UTC)  : Thu Jan 01 00:00:00 1970
            System time     : 0.000000000 seconds fast of NTP time
            Last offset     : +0.000000000 seconds
            RMS offset      : 0.000000000 seconds
            Frequency       : 0.000 ppm slow
            Residual freq   : +0.000 ppm
            Skew            : 0.000 ppm
            Root delay      : 1.000000000 seconds
            Root dispersion : 1.000000000 seconds
            Update interval : 0.0 seconds
            Leap status     : Not synchronised
            """;

    @TempDir
    Path dir;

    /** Answers commands from a table; records what was run. */
    static final class FakeCommands implements HubClockProbe.Commands {
        final Map<String, String> outputs = new HashMap<>();
        final List<String> ran = new ArrayList<>();

        @Override
        public Optional<String> output(List<String> command) {
            ran.add(command.get(0));
            return Optional.ofNullable(outputs.get(command.get(0)));
        }
    }

    @Test
    void readsChronycTracking() {
        assertThat(ClockSyncOutputs.chronyTracking(CHRONY_SYNCED)).hasValue(HubClock.SYNCHRONIZED);
        assertThat(ClockSyncOutputs.chronyTracking(CHRONY_UNSYNCED)).hasValue(HubClock.NOT_SYNCHRONIZED);
        assertThat(ClockSyncOutputs.chronyTracking(CHRONY_SYNCED.replace("Normal", "Insert second")))
                .hasValue(HubClock.SYNCHRONIZED);
        // chrony serving its own clock (local directive) vouches for nothing
        assertThat(ClockSyncOutputs.chronyTracking(CHRONY_SYNCED.replace("C0A80101 (192.168.1.1)", "7F7F0101 ()")))
                .hasValue(HubClock.NOT_SYNCHRONIZED);
        assertThat(ClockSyncOutputs.chronyTracking("506 Cannot talk to daemon\n")).isEmpty();
        assertThat(ClockSyncOutputs.chronyTracking("")).isEmpty();
    }

    @Test
    void readsTimedatectlShow() {
        assertThat(ClockSyncOutputs.timedatectlShow("NTPSynchronized=yes\n")).hasValue(HubClock.SYNCHRONIZED);
        assertThat(ClockSyncOutputs.timedatectlShow("""
                Timezone=Europe/Berlin
                LocalRTC=no
                CanNTP=yes
                NTP=yes
                NTPSynchronized=no
                TimeUSec=Thu 2026-12-03 21:02:03 CET
                RTCTimeUSec=n/a
                """)).hasValue(HubClock.NOT_SYNCHRONIZED);
        assertThat(ClockSyncOutputs.timedatectlShow("NTP=yes\n")).isEmpty();
    }

    @Test
    void followsSystemdTimesyncd() throws Exception {
        Path timesync = dir.resolve("timesync");
        FakeCommands none = new FakeCommands();
        HubClockProbe probe = new HubClockProbe(timesync, none);
        assertThat(probe.refresh()).as("nothing answers: the hub cannot tell").isEqualTo(HubClock.UNKNOWN);
        Files.createDirectories(timesync);
        assertThat(probe.refresh()).as("timesyncd runs, no NTP answer yet").isEqualTo(HubClock.NOT_SYNCHRONIZED);
        Files.createFile(timesync.resolve("synchronized"));
        none.ran.clear();
        assertThat(probe.refresh()).isEqualTo(HubClock.SYNCHRONIZED);
        assertThat(none.ran).as("the file suffices: no command is run").isEmpty();
    }

    @Test
    void followsChronyWhereTimesyncdIsNotRunning() {
        FakeCommands chrony = new FakeCommands();
        chrony.outputs.put("chronyc", CHRONY_UNSYNCED);
        chrony.outputs.put("timedatectl", "NTPSynchronized=no\n"); // chrony without rtcsync: the kernel flag lags
        HubClockProbe probe = new HubClockProbe(dir.resolve("no-timesyncd"), chrony);
        assertThat(probe.refresh()).isEqualTo(HubClock.NOT_SYNCHRONIZED);
        chrony.outputs.put("chronyc", CHRONY_SYNCED);
        assertThat(probe.refresh()).as("chrony's word beats the kernel flag").isEqualTo(HubClock.SYNCHRONIZED);
    }

    @Test
    void fallsBackToTheKernelFlagThroughTimedatectl() {
        FakeCommands ntpd = new FakeCommands();
        ntpd.outputs.put("timedatectl", "NTPSynchronized=yes\n");
        assertThat(new HubClockProbe(dir.resolve("none"), ntpd).refresh()).isEqualTo(HubClock.SYNCHRONIZED);
    }

    @Test
    void getAnswersFromTheLastProbeAndListenersHearEachChangeOnce() {
        FakeCommands chrony = new FakeCommands();
        chrony.outputs.put("chronyc", CHRONY_UNSYNCED);
        HubClockProbe probe = new HubClockProbe(dir.resolve("none"), chrony);
        List<HubClock> heard = new ArrayList<>();
        probe.addListener(heard::add);
        assertThat(probe.get()).isEqualTo(HubClock.NOT_SYNCHRONIZED);
        chrony.outputs.put("chronyc", CHRONY_SYNCED);
        chrony.ran.clear();
        assertThat(probe.get()).as("no command on get()").isEqualTo(HubClock.NOT_SYNCHRONIZED);
        assertThat(chrony.ran).isEmpty();
        assertThat(probe.isSynchronized()).isFalse();
        probe.refresh();
        probe.refresh();
        assertThat(probe.isSynchronized()).isTrue();
        assertThat(heard).containsExactly(HubClock.NOT_SYNCHRONIZED, HubClock.SYNCHRONIZED);
    }

    @Test
    void aCommandThatIsNotInstalledOrFailsGivesNothing() {
        assertThat(HubClockProbe.run(List.of("vitalgate-no-such-command-" + ProcessHandle.current().pid()))).isEmpty();
        assertThat(HubClockProbe.run(List.of("false"))).isEmpty();
        assertThat(HubClockProbe.run(List.of("echo", "NTPSynchronized=yes"))).hasValue("NTPSynchronized=yes\n");
        // systemd tools report their own failures (ERRNO=) on a notify socket they inherit: the agent's would
        // read them as its own (SystemdNotifyIT saw ERRNO=112 from timedatectl before READY=1)
        Map<String, String> env = new HashMap<>(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC",
                "30000000", "WATCHDOG_PID", "1", "PATH", "/usr/bin", "LC_ALL", "de_DE.UTF-8"));
        HubClockProbe.scrub(env);
        assertThat(env).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("LC_ALL", "C"));
    }
}
