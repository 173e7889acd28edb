package org.vitalgate.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which sightings of devices that are not provisioned become {@code device-seen} events: one per address
 * per {@code interval}, and at most {@code maxPerInterval} in all per interval, remembering at most
 * {@code maxAddresses} addresses (the ones seen longest ago are forgotten first). A street full of devices, or one
 * advertising under ever new random addresses, therefore costs bounded memory and a bounded number of events.
 * Thread-safe.
 */
final class SeenThrottle {
    private final Duration interval;
    private final int maxAddresses;
    private final int maxPerInterval;
    /** Address → when its last event was recorded; oldest first (re-inserted on every event). */
    private final LinkedHashMap<String, Instant> lastEvent = new LinkedHashMap<>();
    private Instant windowStart = Instant.MIN;
    private int inWindow;
    private long suppressed;

    SeenThrottle(Duration interval, int maxAddresses, int maxPerInterval) {
        this.interval = Objects.requireNonNull(interval, "interval");
        if (maxAddresses < 1 || maxPerInterval < 1) {
            throw new IllegalArgumentException("maxAddresses and maxPerInterval must be >= 1");
        }
        this.maxAddresses = maxAddresses;
        this.maxPerInterval = maxPerInterval;
    }

    /** Whether a sighting of {@code address} at {@code now} should be recorded as an event. */
    synchronized boolean admit(String address, Instant now) {
        Instant last = lastEvent.get(address);
        if (last != null && Duration.between(last, now).compareTo(interval) < 0) {
            return false;
        }
        if (Duration.between(windowStart, now).compareTo(interval) >= 0) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= maxPerInterval) {
            suppressed++;
            return false;
        }
        inWindow++;
        lastEvent.remove(address);
        lastEvent.put(address, now);
        Iterator<Map.Entry<String, Instant>> oldest = lastEvent.entrySet().iterator();
        while (lastEvent.size() > maxAddresses) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Sightings not recorded because of the overall cap, since the last call (then 0). */
    synchronized long takeSuppressed() {
        long n = suppressed;
        suppressed = 0;
        return n;
    }

    /** Addresses remembered now (never more than {@code maxAddresses}). */
    synchronized int size() {
        return lastEvent.size();
    }
}
