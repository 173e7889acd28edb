package org.vitalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A technician can ask any command for its usage: {@code vitalgate <command> --help} prints it and exits 0. */
class HelpTest {
    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRun cli = new CliRun();
            assertThat(cli.run(name, "--help")).as("vitalgate %s --help: %s", name, cli.err()).isZero();
            assertThat(cli.out()).as("vitalgate %s --help", name).contains("Usage: vitalgate " + name);
        }
    }

    @Test
    void everyCommandPrintsTheVersion() {
        for (var e : Main.commandLine().getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            CliRun cli = new CliRun();
            assertThat(cli.run(e.getKey(), "--version")).as("vitalgate %s --version", e.getKey()).isZero();
            assertThat(cli.out()).startsWith("vitalgate ");
        }
    }
}
