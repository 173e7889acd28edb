package org.vitalgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vitalgate} command line. Exit codes: 0 success, 1 failure of the operation (or malformed input),
 * 2 bad usage or bad configuration.
 */
@Command(name = "vitalgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Home vital-sign hub agent: Bluetooth LE devices to a durable outbox to MQTT"
                + " (USB serial devices: planned).",
        subcommands = {
            CommandLine.HelpCommand.class,
            DecodeCommand.class,
            RunCommand.class,
            SetupCommand.class,
            DemoCommand.class,
            OutboxCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main()); // usage errors exit 2 (picocli default)
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
