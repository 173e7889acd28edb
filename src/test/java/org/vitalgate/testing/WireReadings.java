package org.vitalgate.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.TimeFlag;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.uplink.payload.WireNames;

/**
 * Parses a v1 reading payload back into the model, as a backend would: for round-trip tests and for ITs
 * asserting what the broker received. Not thread-safe concerns: stateless.
 */
public final class WireReadings {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 36.40 stays 36.40
            .build();

    private WireReadings() {
    }

    /** A parsed reading with the hub id and publish time, which the model does not hold. */
    public record Received(Reading reading, String hubId, Optional<Instant> publishedAt) {
    }

    public static Received parse(byte[] payload) {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode d = n.get("device");
        DeviceIdentity device = new DeviceIdentity(parseWire(Transport.values(), d.get("transport").asText()),
                d.get("address").asText(), text(d, "manufacturer"), text(d, "model"),
                text(d, "serialNumber"), text(d, "firmware"), d.get("profileId").asText());
        List<Measurement> ms = new ArrayList<>();
        for (JsonNode m : n.get("measurements")) {
            MeasurementType type = WireNames.parse(MeasurementType.class, m.get("type").asText());
            Unit unit = Unit.fromUcum(m.get("unit").asText());
            Quantity q = m.has("value")
                    ? Quantity.of(m.get("value").decimalValue(), unit)
                    : Quantity.special(WireNames.parse(Quantity.SpecialValue.class, m.get("dataAbsent").asText()), unit);
            ms.add(new Measurement(type, q));
        }
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        for (JsonNode f : n.get("flags")) {
            flags.add(WireNames.parse(StatusFlag.class, f.asText()));
        }
        JsonNode t = n.get("time");
        TimeChain time = new TimeChain(
                text(t, "device").map(LocalDateTime::parse),
                Instant.parse(t.get("measured").asText()),
                parseWire(TimeCorrection.values(), t.get("correction").asText()),
                t.has("deviceClockOffsetMs") ? Optional.of(Duration.ofMillis(t.get("deviceClockOffsetMs").asLong()))
                        : Optional.empty(),
                Instant.parse(t.get("received").asText()),
                parseWire(HubClock.values(), t.get("hubClock").asText()), timeFlags(t));
        ReadingDraft draft = new ReadingDraft(new ReadingId(n.get("id").asText()), n.get("dedupKey").asText(), device,
                n.get("patientKey").asText(),
                d.has("userSlot") ? OptionalInt.of(d.get("userSlot").asInt()) : OptionalInt.empty(),
                n.has("deviceRecordNumber") ? OptionalLong.of(n.get("deviceRecordNumber").asLong()) : OptionalLong.empty(),
                time, ms, flags, parseWire(Origin.values(), n.get("origin").asText()));
        return new Received(draft.committed(n.get("seq").asLong()), n.get("hubId").asText(),
                text(t, "published").map(Instant::parse));
    }

    private static Set<TimeFlag> timeFlags(JsonNode t) {
        Set<TimeFlag> flags = EnumSet.noneOf(TimeFlag.class);
        t.path("flags").forEach(f -> flags.add(parseWire(TimeFlag.values(), f.asText())));
        return flags;
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.has(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static <E extends Enum<E>> E parseWire(E[] values, String wire) {
        for (E e : values) {
            String name = e instanceof Transport tr ? tr.wire()
                    : e instanceof TimeCorrection tc ? tc.wire()
                    : e instanceof Origin o ? o.wire()
                    : e instanceof HubClock h ? h.wire()
                    : e instanceof TimeFlag f ? f.wire() : e.name();
            if (name.equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown wire value " + wire);
    }
}
