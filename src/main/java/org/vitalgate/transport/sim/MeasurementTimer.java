package org.vitalgate.transport.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulated home's measurements on its own thread at random intervals (uniform between half and one and a
 * half times the mean), until closed. The task runs on that one thread only; {@link #close()} is thread-safe.
 */
final class MeasurementTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeasurementTimer.class);

    private final Duration meanInterval;
    private final Random random;
    private final ScheduledExecutorService executor;

    MeasurementTimer(Duration meanInterval, Random random, ThreadFactory threads) {
        this.meanInterval = Objects.requireNonNull(meanInterval, "meanInterval");
        if (meanInterval.isZero() || meanInterval.isNegative()) {
            throw new IllegalArgumentException("meanInterval must be positive: " + meanInterval);
        }
        this.random = Objects.requireNonNull(random, "random");
        this.executor = Executors.newSingleThreadScheduledExecutor(threads);
    }

    Duration meanInterval() {
        return meanInterval;
    }

    /** Starts running {@code measurement} again and again; a failing run is logged and the next one scheduled. */
    void start(Runnable measurement) {
        long mean = meanInterval.toMillis();
        long delay = mean / 2 + (long) (random.nextDouble() * mean);
        try {
            executor.schedule(() -> {
                try {
                    measurement.run();
                } catch (RuntimeException e) {
                    LOG.error("simulated measurement failed", e);
                }
                start(measurement);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed: no more measurements
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
