package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.TreeSet;

/** Writes a v1 health message ({@code docs/schemas/health-v1.schema.json}). Stateless; thread-safe. */
final class HealthJson {
    private HealthJson() {
    }

    static void write(JsonGenerator g, HealthSnapshot h) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", 1);
        g.writeStringField("hubId", h.hubId());
        g.writeStringField("agentVersion", Fields.text("agentVersion", h.agentVersion(), 1, Fields.AGENT_VERSION));
        g.writeNumberField("uptimeSeconds", h.uptime().toSeconds());
        g.writeStringField("uplink", Fields.token("uplinkState", h.uplinkState(), 32, "-"));
        g.writeObjectFieldStart("outbox");
        g.writeNumberField("pendingReadings", h.pendingReadings());
        g.writeNumberField("pendingEvents", h.pendingEvents());
        if (h.oldestUnsentAgeSeconds().isPresent()) {
            g.writeNumberField("oldestUnsentAgeSeconds", h.oldestUnsentAgeSeconds().getAsLong());
        }
        g.writeNumberField("lastSeq", h.lastSeq());
        g.writeNumberField("storeBytes", h.storeBytes());
        g.writeEndObject();
        g.writeNumberField("freeDiskBytes", h.freeDiskBytes());
        g.writeArrayFieldStart("devices");
        TreeSet<String> addresses = new TreeSet<>(h.devicesLastSeen().keySet());
        addresses.addAll(h.batteryPercent().keySet());
        for (String address : addresses) {
            g.writeStartObject();
            g.writeStringField("address", Fields.text("device address", address, 1, Fields.ADDRESS));
            Instant seen = h.devicesLastSeen().get(address);
            if (seen != null) {
                g.writeStringField("lastSeen", WireTime.instant(seen));
            }
            Integer battery = h.batteryPercent().get(address);
            if (battery != null) {
                g.writeNumberField("batteryPercent", battery);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("time");
        g.writeStringField("at", WireTime.instant(h.at()));
        g.writeEndObject();
        g.writeEndObject();
    }
}
