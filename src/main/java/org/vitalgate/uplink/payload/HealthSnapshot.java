package org.vitalgate.uplink.payload;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the periodic {@code health} message reports.
 *
 * @param hubId                  this hub
 * @param agentVersion           the agent's version
 * @param uptime                 time since the agent started
 * @param pendingReadings        unconfirmed readings in the outbox
 * @param pendingEvents          unconfirmed events in the outbox
 * @param oldestUnsentAgeSeconds age of the oldest unconfirmed reading; empty when none is pending
 * @param lastSeq                highest reading seq assigned (0 if none)
 * @param storeBytes             database + WAL size
 * @param freeDiskBytes          free bytes on the store's file system
 * @param uplinkState            kebab-case uplink state, e.g. {@code connected}, {@code connecting},
 *                               {@code disconnected}, {@code rejected}
 * @param devicesLastSeen        device address → when the hub last heard from it
 * @param batteryPercent         device address → last reported battery level, 0..100
 * @param at                     when the snapshot was taken
 */
public record HealthSnapshot(
        String hubId,
        String agentVersion,
        Duration uptime,
        long pendingReadings,
        long pendingEvents,
        OptionalLong oldestUnsentAgeSeconds,
        long lastSeq,
        long storeBytes,
        long freeDiskBytes,
        String uplinkState,
        Map<String, Instant> devicesLastSeen,
        Map<String, Integer> batteryPercent,
        Instant at) {

    public HealthSnapshot {
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(oldestUnsentAgeSeconds, "oldestUnsentAgeSeconds");
        Objects.requireNonNull(uplinkState, "uplinkState");
        Objects.requireNonNull(at, "at");
        devicesLastSeen = Map.copyOf(devicesLastSeen);
        batteryPercent = Map.copyOf(batteryPercent);
        if (uptime.isNegative() || pendingReadings < 0 || pendingEvents < 0 || lastSeq < 0 || storeBytes < 0
                || freeDiskBytes < 0
                || (oldestUnsentAgeSeconds.isPresent() && oldestUnsentAgeSeconds.getAsLong() < 0)) {
            throw new IllegalArgumentException("negative health figure");
        }
        for (var e : batteryPercent.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > 100) {
                throw new IllegalArgumentException("battery of " + e.getKey() + " not 0..100: " + e.getValue());
            }
        }
    }
}
