package org.vitalgate.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed set of remote commands ({@code cmd/{name}}, payload {@code {"requestId":"…"}}), each answered on
 * {@code cmd-result/{requestId}}:
 * <ul>
 *   <li>{@code ping}: answers ok;</li>
 *   <li>{@code status}: answers with the outbox and uplink figures.</li>
 * </ul>
 * An unknown command or a malformed request is answered with {@code ok:false} and a reason when it carries a
 * usable request id, and logged otherwise; it never changes anything. Called on the uplink thread.
 */
public final class RemoteCommands {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommands.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where answers go: (requestId, ok, message, details). */
    @FunctionalInterface
    public interface Replier {
        void reply(String requestId, boolean ok, String message, Map<String, ?> details);
    }

    private final Replier replier;
    private final Supplier<Map<String, ?>> status;

    public RemoteCommands(Replier replier, Supplier<Map<String, ?>> status) {
        this.replier = Objects.requireNonNull(replier, "replier");
        this.status = Objects.requireNonNull(status, "status");
    }

    public void onCommand(String name, byte[] payload) {
        String requestId;
        try {
            JsonNode node = JSON.readTree(payload);
            JsonNode id = node == null ? null : node.get("requestId");
            if (id == null || !id.isTextual() || !REQUEST_ID.matcher(id.asText()).matches()) {
                LOG.warn("command {} rejected: no valid requestId (1-64 of A-Z a-z 0-9 _ . : -)", name);
                return;
            }
            requestId = id.asText();
        } catch (IOException e) {
            LOG.warn("command {} rejected: payload is not JSON", name);
            return;
        }
        switch (name) {
            case "ping" -> replier.reply(requestId, true, "pong", Map.of());
            case "status" -> replier.reply(requestId, true, "status", status.get());
            default -> {
                LOG.warn("unknown command {} (request {})", name, requestId);
                replier.reply(requestId, false, "unknown command: " + name, Map.of("known", "ping,status"));
            }
        }
    }
}
