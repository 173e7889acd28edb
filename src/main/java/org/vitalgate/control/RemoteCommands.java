package org.vitalgate.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.uplink.LogThrottle;
import org.vitalgate.uplink.payload.CommandIds;

/**
 * The closed set of remote commands ({@code cmd/{name}}, payload {@code {"requestId":"…"}} of at most
 * {@link #MAX_PAYLOAD_BYTES}), each answered once on {@code cmd-result/{requestId}}:
 * <ul>
 *   <li>{@code ping}: answers ok;</li>
 *   <li>{@code status}: answers with the outbox and uplink figures.</li>
 * </ul>
 * Every bad request gets an answer with {@code ok:false}, a message and {@code details.reason}, and changes
 * nothing: an unknown or invalid command name on {@code cmd-result/{requestId}}; a request without a valid request
 * id (too large, not JSON, not an object, requestId missing, not a string or not matching {@link CommandIds}) on
 * {@code cmd-result/_invalid}, since it names no topic of its own. Rejections are logged at WARN, once per reason
 * per minute with the count of repeats, quoting at most {@value CommandIds#EXCERPT} characters of a bad value.
 * Called on the uplink thread.
 */
public final class RemoteCommands {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommands.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Commands are tiny JSON objects; anything larger is refused before parsing. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    static final String KNOWN = "ping,status";

    /** Where answers go: (requestId, ok, message, details). */
    @FunctionalInterface
    public interface Replier {
        void reply(String requestId, boolean ok, String message, Map<String, ?> details);
    }

    private final Replier replier;
    private final Supplier<Map<String, ?>> status;
    private final LogThrottle warnings;

    public RemoteCommands(Replier replier, Supplier<Map<String, ?>> status) {
        this(replier, status, new LogThrottle(Duration.ofMinutes(1), 16));
    }

    RemoteCommands(Replier replier, Supplier<Map<String, ?>> status, LogThrottle warnings) {
        this.replier = Objects.requireNonNull(replier, "replier");
        this.status = Objects.requireNonNull(status, "status");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    public void onCommand(String name, byte[] payload) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
        Optional<String> requestId = requestId(name, payload);
        if (requestId.isEmpty()) {
            return;
        }
        String id = requestId.get();
        Optional<String> badName = CommandIds.nameProblem(name);
        if (badName.isPresent()) {
            reject(id, name, "command-name-invalid", badName.get(), Map.of());
            return;
        }
        switch (name) {
            case "ping" -> replier.reply(id, true, "pong", Map.of());
            case "status" -> replier.reply(id, true, "status", status.get());
            default -> reject(id, name, "unknown-command", "unknown command: " + name, Map.of("known", KNOWN));
        }
    }

    /** The request's valid request id, or empty after answering on {@code cmd-result/_invalid}. */
    private Optional<String> requestId(String name, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return invalid(name, "payload-too-large", "payload of " + payload.length + " bytes is larger than "
                    + MAX_PAYLOAD_BYTES, Optional.empty());
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return invalid(name, "payload-not-json", "payload is not JSON", Optional.empty());
        } catch (IOException e) {
            return invalid(name, "payload-not-json", "payload cannot be read", Optional.empty());
        }
        if (node == null || node.isMissingNode()) {
            return invalid(name, "payload-not-json", "payload is empty", Optional.empty());
        }
        if (!node.isObject()) {
            return invalid(name, "payload-not-object", "payload is not a JSON object", Optional.empty());
        }
        JsonNode id = node.get("requestId");
        if (id == null || id.isNull()) {
            return invalid(name, "request-id-missing", "requestId is missing", Optional.empty());
        }
        if (!id.isTextual()) {
            return invalid(name, "request-id-invalid", "requestId must be a string", Optional.empty());
        }
        Optional<String> problem = CommandIds.requestIdProblem(id.asText());
        if (problem.isPresent()) {
            return invalid(name, "request-id-invalid", problem.get(), Optional.of(id.asText()));
        }
        return Optional.of(id.asText());
    }

    private Optional<String> invalid(String name, String reason, String message, Optional<String> requestId) {
        Map<String, Object> details = new LinkedHashMap<>();
        requestId.ifPresent(r -> details.put("requestId", CommandIds.excerpt(r)));
        reject(CommandIds.INVALID_REQUEST, name, reason, message, details);
        return Optional.empty();
    }

    private void reject(String requestId, String name, String reason, String message, Map<String, ?> extra) {
        warnings.admit(reason).ifPresent(n -> LOG.warn("remote command {} refused ({}): {}; answered on cmd-result/{}{}",
                CommandIds.excerpt(name), reason, message, requestId, LogThrottle.repeats(n)));
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("reason", reason);
        details.put("command", CommandIds.nameProblem(name).isEmpty() ? name : CommandIds.excerpt(name));
        replier.reply(requestId, false, message, details);
    }
}
