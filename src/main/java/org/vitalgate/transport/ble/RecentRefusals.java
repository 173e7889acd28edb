package org.vitalgate.transport.ble;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the pairing agent last refused a request, per device address, until the hub's own pairing call asks. Any
 * device in radio range can make BlueZ call the agent, so at most {@code capacity} addresses are kept (the least
 * recently refused is forgotten first). Thread-safe.
 */
final class RecentRefusals {
    private final Map<String, String> reasons;

    RecentRefusals(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.reasons = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(String address, String reason) {
        Objects.requireNonNull(address, "address");
        reasons.remove(address);                 // re-inserted as the most recent
        reasons.put(address, Objects.requireNonNull(reason, "reason"));
    }

    /** The reason of the last refusal for {@code address}, removed as it is read. */
    synchronized Optional<String> take(String address) {
        return Optional.ofNullable(reasons.remove(address));
    }

    synchronized int size() {
        return reasons.size();
    }
}
