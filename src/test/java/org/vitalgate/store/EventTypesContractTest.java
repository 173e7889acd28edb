package org.vitalgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The MQTT contract's table of event types is exactly the set the code can raise: they cannot drift apart. */
class EventTypesContractTest {
    private static final Pattern TABLE = Pattern.compile(
            "<!-- event-types: begin -->(.*?)<!-- event-types: end -->", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|");

    @Test
    void theContractListsEveryEventTypeTheHubRaisesAndNoOther() throws Exception {
        Matcher table = TABLE.matcher(Files.readString(Path.of("docs/mqtt-contract.md")));
        assertThat(table.find()).as("the event-types table in docs/mqtt-contract.md").isTrue();
        Set<String> documented = new LinkedHashSet<>();
        Matcher row = ROW.matcher(table.group(1));
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> raised = Arrays.stream(EventType.values()).map(EventType::wire).collect(Collectors.toSet());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(raised);
    }

    @Test
    void wireNamesAreKebabCaseAndFitTheSchema() {
        for (EventType t : EventType.values()) {
            assertThat(t.wire()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(64)
                    .isEqualTo(t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }
}
