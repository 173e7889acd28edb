package org.vitalgate.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vitalgate.uplink.UplinkSettings;
import org.vitalgate.uplink.UplinkSettings.TlsSettings;

/**
 * Reads and validates the {@code mqtt:} section into {@link UplinkSettings}. TLS is required: plaintext
 * {@code mqtt://} is accepted only to a loopback host (demo, tests). Confined to one load.
 */
final class MqttSection {
    /** Topic levels below the root: {@code cmd/{name}} and {@code cmd-result/{requestId}} have two. */
    static final int SUB_TOPIC_LEVELS = 2;
    /** AWS IoT Core: at most 7 levels (design.md: topics ≤ 7 levels). */
    static final int MAX_TOPIC_LEVELS = 7;
    /** AWS IoT Core allows 256 bytes; keep room for {@code /cmd-result/} and a 64-character request id. */
    static final int MAX_ROOT_BYTES = 256 - "/cmd-result/".length() - 64;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private MqttSection() {
    }

    static Optional<UplinkSettings> read(Section mqtt, String hubId) {
        UplinkSettings d = UplinkSettings.defaults(URI.create("mqtts://localhost"), hubId);
        Optional<URI> broker = mqtt.required("broker", Values.text()).flatMap(s -> broker(mqtt, s));
        String clientId = mqtt.get("clientId", Values.text(), "vitalgate-{hubId}").replace("{hubId}", hubId);
        if (mqtt.has("clientId") && !mqtt.problems().has(mqtt.path("clientId"))) {
            clientIdProblem(clientId).ifPresent(p -> mqtt.problems().add(mqtt.path("clientId"), mqtt.lineOf("clientId"), p));
        }
        String topicRoot = mqtt.get("topicRoot", Values.text(), "vitalgate/v1/{hubId}");
        if (!mqtt.problems().has(mqtt.path("topicRoot"))) {
            topicRootProblem(topicRoot, hubId).ifPresent(
                    p -> mqtt.problems().add(mqtt.path("topicRoot"), mqtt.lineOf("topicRoot"), p));
        }
        topicRoot = topicRoot.replace("{hubId}", hubId);
        Optional<TlsSettings> tls = mqtt.section("tls").flatMap(MqttSection::tls);
        if (mqtt.has("tls") && broker.isPresent() && "mqtt".equals(broker.get().getScheme())) {
            mqtt.problems().add(mqtt.path("tls"), mqtt.lineOf("tls"),
                    "TLS settings given but the broker is plaintext mqtt://; use mqtts://");
        }
        Optional<Path> credentials = mqtt.get("credentialsFile", Values.path()).flatMap(
                p -> readableFile(mqtt, "credentialsFile", p));
        int inflight = mqtt.get("inflightWindow", Values.int32(1, 65535), d.inflightWindow());
        Optional<Double> rate = mqtt.get("maxPublishRate", Values.positiveNumber(100_000, "/s"));
        boolean retain = mqtt.get("retainStatus", Values.bool(), d.retainStatus());
        Duration keepAlive = mqtt.get("keepAlive", Values.duration(Duration.ofSeconds(1), Duration.ofSeconds(65535)),
                d.keepAlive());
        Duration connectTimeout = mqtt.get("connectTimeout",
                Values.duration(Duration.ofMillis(100), Duration.ofMinutes(10)), d.connectTimeout());
        Duration backoffMin = mqtt.get("backoffMin", Values.duration(Duration.ofMillis(10), Duration.ofHours(1)),
                d.backoffMin());
        Duration backoffMax = mqtt.get("backoffMax", Values.duration(Duration.ofMillis(10), Duration.ofDays(1)),
                d.backoffMax());
        Duration rejection = mqtt.get("rejectionBackoff", Values.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
                d.rejectionBackoff());
        if (backoffMax.compareTo(backoffMin) < 0 && !mqtt.problems().has(mqtt.path("backoffMin"))
                && !mqtt.problems().has(mqtt.path("backoffMax"))) {
            mqtt.problems().add(mqtt.path("backoffMax"), mqtt.lineOf("backoffMax"), "must not be less than backoffMin ("
                    + Values.human(backoffMin) + "), got " + Values.human(backoffMax));
        }
        mqtt.finish();
        if (broker.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UplinkSettings(broker.get(), hubId, clientId, topicRoot, tls, credentials, inflight,
                rate.map(OptionalDouble::of).orElse(OptionalDouble.empty()), retain, keepAlive, connectTimeout,
                backoffMin, backoffMax, rejection));
    }

    private static Optional<URI> broker(Section mqtt, String text) {
        String path = mqtt.path("broker");
        int line = mqtt.lineOf("broker");
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            mqtt.problems().add(path, line, "not a valid URI: " + e.getMessage());
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mqtts") && !scheme.equals("mqtt")) {
            mqtt.problems().add(path, line, "scheme must be mqtts:// (TLS), got "
                    + (scheme.isEmpty() ? "none" : scheme + "://") + " in " + text);
            return Optional.empty();
        }
        if (uri.getHost() == null) {
            mqtt.problems().add(path, line, "no valid host name in " + text);
            return Optional.empty();
        }
        if (uri.getUserInfo() != null) {
            mqtt.problems().add(path, line, "credentials do not belong in the URI; use mqtt.credentialsFile");
            return Optional.empty();
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            mqtt.problems().add(path, line, "must be scheme://host[:port] only, got " + text);
            return Optional.empty();
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            mqtt.problems().add(path, line, "port must be between 1 and 65535, got " + uri.getPort());
            return Optional.empty();
        }
        if (scheme.equals("mqtt") && !isLoopback(uri.getHost())) {
            mqtt.problems().add(path, line, "plaintext mqtt:// is refused for non-loopback host " + uri.getHost()
                    + ": TLS is required (use mqtts://); there is no plaintext fallback");
            return Optional.empty();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("mqtts") ? 8883 : 1883;
        return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority().replaceFirst(":\\d+$", "") + ":" + port));
    }

    /** Literal loopback addresses and {@code localhost} only; never a DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: would need resolving
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // literal: no lookup happens
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Optional<TlsSettings> tls(Section tls) {
        Optional<Path> ca = tls.get("caFile", Values.path()).flatMap(p -> readableFile(tls, "caFile", p));
        Optional<Path> cert = tls.get("clientCert", Values.path()).flatMap(p -> readableFile(tls, "clientCert", p));
        Optional<Path> key = tls.get("clientKey", Values.path()).flatMap(p -> readableFile(tls, "clientKey", p));
        if (tls.has("clientCert") && !tls.has("clientKey")) {
            tls.problems().add(tls.path("clientKey"), tls.lineOf("clientCert"), "required with clientCert (mutual TLS)");
        }
        if (tls.has("clientKey") && !tls.has("clientCert")) {
            tls.problems().add(tls.path("clientCert"), tls.lineOf("clientKey"), "required with clientKey (mutual TLS)");
        }
        tls.finish();
        if (tls.problems().has(tls.path())) {
            return Optional.empty();
        }
        return Optional.of(new TlsSettings(ca, cert, key));
    }

    private static Optional<Path> readableFile(Section s, String key, Path p) {
        String problem = null;
        if (!Files.exists(p)) {
            problem = "file not found: " + p;
        } else if (!Files.isRegularFile(p)) {
            problem = "not a regular file: " + p;
        } else if (!Files.isReadable(p)) {
            problem = "not readable by this user: " + p;
        }
        if (problem != null) {
            s.problems().add(s.path(key), s.lineOf(key), problem);
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private static Optional<String> clientIdProblem(String clientId) {
        if (clientId.length() > 128) {
            return Optional.of("must be at most 128 characters, got " + clientId.length());
        }
        if (!clientId.matches("[A-Za-z0-9._:-]+")) {
            return Optional.of("may only contain letters, digits and . _ : -, got " + clientId);
        }
        return Optional.empty();
    }

    static Optional<String> topicRootProblem(String template, String hubId) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group(1).equals("hubId")) {
                return Optional.of("unknown placeholder {" + m.group(1) + "}; only {hubId} is substituted");
            }
        }
        String root = template.replace("{hubId}", hubId);
        if (root.contains("+") || root.contains("#")) {
            return Optional.of("must not contain the wildcards + or #, got " + root);
        }
        if (root.startsWith("$")) {
            return Optional.of("must not start with $ (reserved for broker topics), got " + root);
        }
        if (root.startsWith("/") || root.endsWith("/") || root.contains("//")) {
            return Optional.of("must not have empty levels (leading, trailing or double /), got " + root);
        }
        if (root.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("must not contain control characters");
        }
        int levels = root.split("/", -1).length;
        if (levels + SUB_TOPIC_LEVELS > MAX_TOPIC_LEVELS) {
            return Optional.of("has " + levels + " levels; with the " + SUB_TOPIC_LEVELS
                    + " levels of cmd-result/{requestId} topics would have " + (levels + SUB_TOPIC_LEVELS)
                    + ", more than the " + MAX_TOPIC_LEVELS + " AWS IoT allows");
        }
        if (root.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ROOT_BYTES) {
            return Optional.of("must be at most " + MAX_ROOT_BYTES + " bytes");
        }
        return Optional.empty();
    }
}
