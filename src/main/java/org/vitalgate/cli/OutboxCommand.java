package org.vitalgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced once the store inspector lands. */
@Command(name = "outbox", description = "Show the outbox: pending readings and events, last seq, store size.")
final class OutboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
