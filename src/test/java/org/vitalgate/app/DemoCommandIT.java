package org.vitalgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar vitalgate.jar demo} as a newcomer runs it: the screen is the live view only (the agent's
 * log goes to a file it names), and every line fits 100 columns.
 */
class DemoCommandIT {
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+\\S* \\[");

    @TempDir
    Path dir;

    @Test
    void theScreenShowsTheViewAndNoLogLines() throws Exception {
        Path screen = dir.resolve("screen.txt");
        try (AgentProcess demo = AgentProcess.start(null, screen, "demo", "--duration", "10s", "--interval",
                "400ms")) {
            assertThat(demo.waitFor(Duration.ofSeconds(120))).as(demo.log()).isZero();
        }
        List<String> lines = Files.readAllLines(screen);
        assertThat(lines).as("the demo ran and readings arrived").anyMatch(l -> l.matches("\\s+\\d+  .*"));
        assertThat(lines).as("no log line lands in the view").noneMatch(l -> LOG_LINE.matcher(l).find());
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        Matcher log = Pattern.compile("The agent logs to (\\S+)").matcher(String.join("\n", lines));
        assertThat(log.find()).as(String.join("\n", lines)).isTrue();
        assertThat(Files.readString(Path.of(log.group(1)))).as("the log is there instead").contains(" INFO ");
        Files.deleteIfExists(Path.of(log.group(1)));
    }
}
