package org.vitalgate.uplink;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.testing.MqttTestSubscriber;

/** Shared fixtures for uplink integration tests. */
final class UplinkTestSupport {
    static final String HUB = "hub-it";
    static final String ROOT = "vitalgate/v1/" + HUB;
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private UplinkTestSupport() {
    }

    /** Fast retries for tests: backoff 50..400 ms, rejection backoff 300 ms. */
    static UplinkSettings settings(URI broker) {
        return new UplinkSettings(broker, HUB, "vitalgate-" + HUB, ROOT, Optional.empty(), Optional.empty(), 100,
                OptionalDouble.empty(), true, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofMillis(300));
    }

    static UplinkSettings withTls(UplinkSettings s, UplinkSettings.TlsSettings tls) {
        return new UplinkSettings(s.broker(), s.hubId(), s.clientId(), s.topicRoot(), Optional.of(tls),
                s.credentialsFile(), s.inflightWindow(), s.maxPublishRate(), s.retainStatus(), s.keepAlive(),
                s.connectTimeout(), s.backoffMin(), s.backoffMax(), s.rejectionBackoff());
    }

    static UplinkSettings withWindow(UplinkSettings s, int window, OptionalDouble rate) {
        return new UplinkSettings(s.broker(), s.hubId(), s.clientId(), s.topicRoot(), s.tls(),
                s.credentialsFile(), window, rate, s.retainStatus(), s.keepAlive(),
                s.connectTimeout(), s.backoffMin(), s.backoffMax(), s.rejectionBackoff());
    }

    static UplinkSettings withRejectionBackoff(UplinkSettings s, Duration rejection) {
        return new UplinkSettings(s.broker(), s.hubId(), s.clientId(), s.topicRoot(), s.tls(),
                s.credentialsFile(), s.inflightWindow(), s.maxPublishRate(), s.retainStatus(), s.keepAlive(),
                s.connectTimeout(), s.backoffMin(), s.backoffMax(), rejection);
    }

    static UplinkSettings withCredentials(UplinkSettings s, java.nio.file.Path file) {
        return new UplinkSettings(s.broker(), s.hubId(), s.clientId(), s.topicRoot(), s.tls(),
                Optional.of(file), s.inflightWindow(), s.maxPublishRate(), s.retainStatus(), s.keepAlive(),
                s.connectTimeout(), s.backoffMin(), s.backoffMax(), s.rejectionBackoff());
    }

    static UplinkSettings.TlsSettings tls(java.nio.file.Path ca, java.nio.file.Path cert, java.nio.file.Path key) {
        return new UplinkSettings.TlsSettings(Optional.ofNullable(ca), Optional.ofNullable(cert),
                Optional.ofNullable(key));
    }

    static MqttUplink uplink(UplinkSettings settings, InMemoryOutbox outbox, RecordingListener listener) {
        return new MqttUplink(settings, outbox, new CountingStatus(), STAMP, CommandHandler.IGNORE, listener,
                Clock.systemUTC());
    }

    /** Appends {@code ,"publishedAt":"..."} so re-sends differ in bytes but keep their id. */
    static final PayloadStamper STAMP = (OutboxMessage m, Instant at) -> {
        String stored = new String(m.payload().toByteArray(), StandardCharsets.UTF_8);
        return (stored.substring(0, stored.length() - 1) + ",\"publishedAt\":\"" + at + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    };

    static long idOf(MqttTestSubscriber.Received r) {
        Matcher m = ID.matcher(r.text());
        if (!m.find()) {
            throw new AssertionError("no id in " + r.text());
        }
        return Long.parseLong(m.group(1));
    }

    static List<Long> ids(List<MqttTestSubscriber.Received> received) {
        List<Long> ids = new ArrayList<>();
        for (MqttTestSubscriber.Received r : received) {
            ids.add(idOf(r));
        }
        return ids;
    }

    /** "online" and "offline#n": n counts the calls, so the will (built at connect) is told from a later one. */
    static final class CountingStatus implements StatusPayloads {
        private final AtomicInteger offlineCalls = new AtomicInteger();

        @Override
        public byte[] online(Instant connectedAt) {
            return "online".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] offline() {
            return ("offline#" + offlineCalls.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class RecordingListener implements UplinkListener {
        final List<UplinkState> states = new CopyOnWriteArrayList<>();
        final List<ConnectFailure> rejections = new CopyOnWriteArrayList<>();
        final List<Long> rejectedAtNanos = new CopyOnWriteArrayList<>();

        @Override
        public void stateChanged(UplinkState from, UplinkState to) {
            states.add(to);
        }

        @Override
        public void rejected(ConnectFailure failure) {
            rejectedAtNanos.add(System.nanoTime());
            rejections.add(failure);
        }
    }
}
