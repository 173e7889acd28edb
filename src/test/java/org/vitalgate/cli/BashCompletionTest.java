package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/**
 * The bash completion the package installs is picocli's, generated from the command line itself. When a
 * command or option changes, this test fails and leaves the new script in target/: copy it over.
 */
class BashCompletionTest {
    private static final Path SHIPPED = Path.of("packaging/vitalgate.bash-completion");

    @Test
    void theShippedCompletionMatchesTheCommandLine() throws Exception {
        String generated = AutoComplete.bash("vitalgate", Main.commandLine())
                .replaceFirst("^#!.*\n", "");              // sourced, not run: no #! line (lintian)
        Path fresh = Path.of("target/vitalgate.bash-completion");
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, generated);
        assertThat(Files.exists(SHIPPED) ? Files.readString(SHIPPED) : "")
                .as("packaging/vitalgate.bash-completion is stale: cp target/vitalgate.bash-completion packaging/")
                .isEqualTo(generated);
    }
}
