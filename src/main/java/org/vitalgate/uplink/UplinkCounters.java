package org.vitalgate.uplink;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The uplink's counters: written on the uplink thread, read from any thread. Thread-safe. */
final class UplinkCounters {
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger maxInflight = new AtomicInteger();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    void published(int inflightNow) {
        published.incrementAndGet();
        inflight(inflightNow);
    }

    void inflight(int now) {
        inflight.set(now);
        maxInflight.accumulateAndGet(now, Math::max);
    }

    int inflightNow() {
        return inflight.get();
    }

    void confirmedOne() {
        confirmed.incrementAndGet();
    }

    void connected() {
        connects.incrementAndGet();
    }

    void lost() {
        lost.incrementAndGet();
    }

    void rejected() {
        rejections.incrementAndGet();
    }

    void error(String reason) {
        lastError.set(reason);
    }

    UplinkStatus snapshot(UplinkState state) {
        return new UplinkStatus(state, published.get(), confirmed.get(), inflight.get(), maxInflight.get(),
                connects.get(), lost.get(), rejections.get(), Optional.ofNullable(lastError.get()));
    }
}
