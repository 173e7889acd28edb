package org.vitalgate.uplink;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the uplink for status, health and the CLI.
 *
 * @param state         current state
 * @param published     outbox rows handed to the MQTT client since start (re-sends count again)
 * @param confirmed     PUBACKs received for outbox rows since start
 * @param inflight      outbox publishes of the current session awaiting PUBACK
 * @param maxInflight   the largest {@code inflight} ever observed (never above the window)
 * @param connects      successful connects since start
 * @param connectionsLost connections lost after having been established
 * @param rejections    rejected connect attempts since start
 * @param lastError     the last failure's reason, if any (never a password)
 */
public record UplinkStatus(UplinkState state, long published, long confirmed, int inflight, int maxInflight,
                           long connects, long connectionsLost, long rejections, Optional<String> lastError) {
    public UplinkStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
    }
}
