package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventEncoder;
import org.vitalgate.store.PayloadEncoder;

/**
 * The JSON wire format v1 ({@code docs/mqtt-contract.md}, {@code docs/schemas/}): readings, events, status,
 * health and command results. Every message is an object whose first member is {@code "v":1} and whose last
 * member is its {@code time} object, so the bytes end with {@code }}} and {@link #stampPublished} can add
 * the publish time at each publish without parsing.
 *
 * <p>Written with Jackson's streaming generator; values are checked against the schemas' limits and a
 * message that would exceed {@link #MAX_PAYLOAD_BYTES} once stamped is refused
 * ({@link PayloadTooLargeException}), never truncated. Immutable and thread-safe.
 */
public final class JsonV1 implements PayloadEncoder, EventEncoder {
    /** Largest message the hub publishes, publish time included. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    /** Bytes {@link #stampPublished} adds. */
    public static final int STAMP_BYTES = PublishStamp.BYTES;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final String hubId;

    /** @param hubId this hub's id, written into every message */
    public JsonV1(String hubId) {
        this.hubId = Fields.token("hubId", Objects.requireNonNull(hubId, "hubId"), Fields.HUB_ID, "-_.:");
    }

    /**
     * Adds {@code "published":"<publishedAt>"} as the last member of the message's {@code time} object.
     *
     * @throws IllegalArgumentException if {@code payload} does not end with {@code }}}
     */
    public static byte[] stampPublished(byte[] payload, Instant publishedAt) {
        return PublishStamp.stamp(Objects.requireNonNull(payload, "payload"),
                Objects.requireNonNull(publishedAt, "publishedAt"));
    }

    /**
     * The part of a {@code readings} message that one device value determines, as the wire carries it:
     * {@code deviceRecordNumber}, {@code measurements}, {@code flags} and {@code time.device}. The hub adds the
     * rest (ids, device, patient, the time chain). For {@code vitalgate decode}.
     */
    public static byte[] valueFields(OptionalLong recordNumber, List<Measurement> measurements,
                                     Set<StatusFlag> flags, Optional<LocalDateTime> deviceTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            ReadingJson.writeValues(g, recordNumber, measurements, flags);
            if (deviceTime.isPresent()) {
                g.writeObjectFieldStart("time");
                g.writeStringField("device", WireTime.deviceTime(deviceTime.get()));
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A committed reading ({@code readings} topic). */
    @Override
    public byte[] encode(Reading reading) {
        Objects.requireNonNull(reading, "reading");
        return write("reading " + reading.id(), g -> ReadingJson.write(g, hubId, reading));
    }

    /** A diagnostic event ({@code events} topic). */
    @Override
    public byte[] encode(Event event) {
        Objects.requireNonNull(event, "event");
        return write("event " + event.id(), g -> {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("id", Fields.ulid("id", event.id()));
            g.writeStringField("hubId", hubId);
            g.writeStringField("type", Fields.token("type", event.type().wire(), Fields.EVENT_TYPE, "-"));
            g.writeObjectFieldStart("attributes");
            for (var e : new TreeMap<>(event.attributes()).entrySet()) {
                g.writeStringField(Fields.token("attribute key", e.getKey(), Fields.ATTRIBUTE_KEY, "-_."),
                        Fields.text("attribute " + e.getKey(), e.getValue(), 0, Fields.ATTRIBUTE_VALUE));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("time");
            g.writeStringField("occurred", WireTime.instant(event.occurredAt()));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * The {@code status} message (retained where the broker supports it; its {@code offline} form is also the
     * MQTT will, built and stamped at connect).
     *
     * @param state {@code online} or {@code offline}
     * @param at    when the hub entered this state
     */
    public byte[] status(String state, String agentVersion, Instant at) {
        if (!"online".equals(state) && !"offline".equals(state)) {
            throw new IllegalArgumentException("state must be online or offline: " + state);
        }
        Objects.requireNonNull(at, "at");
        return write("status", g -> {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("hubId", hubId);
            g.writeStringField("state", state);
            g.writeStringField("agentVersion", Fields.text("agentVersion", agentVersion, 1, Fields.AGENT_VERSION));
            g.writeObjectFieldStart("time");
            g.writeStringField("at", WireTime.instant(at));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Same as {@link #status(String, String, Instant)} with an explicit hub id (must equal this encoder's). */
    public byte[] status(String hubId, String state, String agentVersion, Instant at) {
        requireOwnHub(hubId);
        return status(state, agentVersion, at);
    }

    /** The periodic {@code health} message. */
    public byte[] health(HealthSnapshot h) {
        Objects.requireNonNull(h, "health");
        requireOwnHub(h.hubId());
        return write("health", g -> HealthJson.write(g, h));
    }

    /**
     * The answer to a remote command, on {@code cmd-result/{requestId}}.
     *
     * @param requestId a valid request id ({@link CommandIds}), or {@link CommandIds#INVALID_REQUEST}
     * @param details flat members: String, Boolean, Integer, Long or BigDecimal values
     * @param at      when the command completed
     */
    public byte[] commandResult(String requestId, boolean ok, String message, Map<String, ?> details, Instant at) {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(at, "at");
        return write("command result", g -> {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("hubId", hubId);
            g.writeStringField("requestId", CommandIds.requireAnswerable(requestId));
            g.writeBooleanField("ok", ok);
            g.writeStringField("message", Fields.text("message", message, 0, Fields.MESSAGE));
            g.writeObjectFieldStart("details");
            for (String key : new TreeSet<>(details.keySet())) {
                g.writeFieldName(Fields.token("details key", key, Fields.ATTRIBUTE_KEY, "-_."));
                writeScalar(g, key, details.get(key));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("time");
            g.writeStringField("completed", WireTime.instant(at));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    public String hubId() {
        return hubId;
    }

    private void requireOwnHub(String id) {
        if (!hubId.equals(id)) {
            throw new IllegalArgumentException("hub id " + id + " is not this encoder's " + hubId);
        }
    }

    private static void writeScalar(JsonGenerator g, String key, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(Fields.text("details " + key, s, 0, Fields.ATTRIBUTE_VALUE));
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else {
            throw new IllegalArgumentException("details " + key + ": unsupported value " + v);
        }
    }

    private static byte[] write(String what, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (JsonGenerationException e) {
            throw new IllegalArgumentException(what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length + STAMP_BYTES > MAX_PAYLOAD_BYTES) {
            throw new PayloadTooLargeException(what, bytes.length + STAMP_BYTES);
        }
        return bytes;
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
