package org.vitalgate.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every thread of the agent after its concern (design.md "Threads"). Daemon threads: shutdown order is
 * driven explicitly by {@link Agent#close()}, never by JVM exit races. Thread-safe.
 */
public final class Threads {

    /** A factory whose threads are called {@code name} (or {@code name-N} after the first). */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            int n = count.getAndIncrement();
            Thread t = new Thread(runnable, n == 0 ? name : name + "-" + n);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) ->
                    org.slf4j.LoggerFactory.getLogger(Threads.class)
                            .error("uncaught exception on thread {}", thread.getName(), e));
            return t;
        };
    }

    public ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    public ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }
}
