package org.vitalgate.uplink;

import java.util.concurrent.ThreadFactory;

/** Daemon threads named after their concern. Thread-safe. */
final class NamedThreads {
    private NamedThreads() {
    }

    static ThreadFactory factory(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
