package org.vitalgate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code vitalgate demo} runs its simulated home through the agent's BLE path when dbus-daemon is available. */
class DemoBleIT {
    @Test
    void theDemoHomeIsCollectedOverBleAndEveryReadingArrivesOnce() throws Exception {
        assertThat(BleDemoHome.unavailableReason()).as("this machine has dbus-daemon and the profiles").isEmpty();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new Demo(new Demo.Options(Optional.empty(), Duration.ofSeconds(8), Duration.ofMillis(400),
                Optional.empty(), Duration.ZERO), out).run("it");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(text).contains("through its real BLE path");
        Matcher m = Pattern.compile("hub accepted (\\d+) readings; backend received (\\d+) distinct readings")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as(text).isGreaterThanOrEqualTo(5);
        assertThat(m.group(2)).isEqualTo(m.group(1));
        assertThat(text).contains("no gaps").contains("device-paired");
        // every device of the home has a clock the hub learns on each connection (written, or read): each reading
        // row shows the offset applied, none is uncorrected or dated after its receipt
        Matcher row = Pattern.compile("(?m)^\\s+\\d+  .{18} .{38} (\\d\\d:\\d\\d:\\d\\d\\S?)\\s+(\\S+)\\s+\\d+ ms")
                .matcher(text);
        int rows = 0;
        while (row.find()) {
            rows++;
            assertThat(row.group(2)).as("dev clock of %s", row.group()).matches("[+-]\\d+(m\\d+)?s");
            assertThat(row.group(1)).as("measured of %s", row.group()).doesNotEndWith("!");
        }
        assertThat(rows).as(text).isGreaterThanOrEqualTo(5);
    }

    @Test
    void duringABrokerOutageReadingsWaitInTheOutboxAndAllArriveInOrderAfterwards() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new Demo(new Demo.Options(Optional.empty(), Duration.ofSeconds(14), Duration.ofMillis(400),
                Optional.of(Duration.ofSeconds(5)), Duration.ofSeconds(3)), out).run("it");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(text).contains("=== Broker stopped for 5 s").contains("=== Broker back");
        Matcher pending = Pattern.compile("\\[outbox\\] ([1-9]\\d*) pending").matcher(text);
        assertThat(pending.find()).as("readings piled up in the outbox during the outage:%n%s", text).isTrue();
        Matcher m = Pattern.compile("hub accepted (\\d+) readings; backend received (\\d+) distinct readings")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(m.group(2)).as(text).isEqualTo(m.group(1));
        assertThat(text).contains("0 out of order, no gaps");
    }
}
