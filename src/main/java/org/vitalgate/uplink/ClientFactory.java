package org.vitalgate.uplink;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.reactivex.Scheduler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the HiveMQ MQTT 3.1.1 client for the uplink: broker address from the URI ({@code mqtts} = TLS with
 * {@link PemTls}, default port 8883; {@code mqtt} = plaintext, default port 1883; nothing else), one Netty
 * thread, callbacks on the given scheduler, connect timeouts from the settings, no automatic reconnect (the
 * uplink owns the retry policy). There is no path from {@code mqtts} to a plaintext connection.
 *
 * <p>Also tells whether the TLS files changed since the client was built, so a renewed certificate is picked
 * up without a restart. Stateless apart from that; used on the uplink thread.
 */
final class ClientFactory {
    private final UplinkSettings settings;
    private final boolean tls;
    private final String host;
    private final int port;
    private final Scheduler callbackScheduler;

    ClientFactory(UplinkSettings settings, Scheduler callbackScheduler) {
        this.settings = settings;
        this.callbackScheduler = callbackScheduler;
        URI uri = settings.broker();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        this.tls = switch (scheme) {
            case "mqtts" -> true;
            case "mqtt" -> false;
            default -> throw new IllegalArgumentException("broker URI must be mqtts:// or mqtt://: " + uri);
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker URI has no host: " + uri);
        }
        this.host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : (tls ? 8883 : 1883);
    }

    boolean tls() {
        return tls;
    }

    /**
     * A new client; it does not connect yet. Inbound messages are delivered by the subscription of each session
     * (see {@code MqttUplink}): a clean session ends every publish flow of the previous one.
     */
    Mqtt3AsyncClient build(MqttClientDisconnectedListener onDisconnected) throws TlsMaterialException {
        long timeoutMs = Math.max(1, settings.connectTimeout().toMillis());
        MqttClientTransportConfigBuilder transport = MqttClientTransportConfig.builder()
                .serverHost(host)
                .serverPort(port)
                .socketConnectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        if (tls) {
            UplinkSettings.TlsSettings material = settings.tls().orElse(
                    new UplinkSettings.TlsSettings(Optional.empty(), Optional.empty(), Optional.empty()));
            transport = transport.sslConfig(PemTls.sslConfig(material, timeoutMs));
        }
        return MqttClient.builder()
                .useMqttVersion3()
                .identifier(settings.clientId())
                .transportConfig(transport.build())
                .executorConfig(MqttClientExecutorConfig.builder()
                        .nettyThreads(1)
                        .applicationScheduler(callbackScheduler)
                        .build())
                .addDisconnectedListener(onDisconnected)
                .buildAsync();
    }

    /** Identifies the current content of the TLS files (path, size, modification time). */
    String tlsFingerprint() {
        if (!tls || settings.tls().isEmpty()) {
            return "";
        }
        UplinkSettings.TlsSettings t = settings.tls().get();
        StringBuilder sb = new StringBuilder();
        for (Optional<Path> p : java.util.List.of(t.caFile(), t.clientCert(), t.clientKey())) {
            p.ifPresent(path -> {
                sb.append(path).append(':');
                try {
                    sb.append(Files.size(path)).append(':').append(Files.getLastModifiedTime(path).toMillis());
                } catch (java.io.IOException e) {
                    sb.append("unreadable");
                }
                sb.append(';');
            });
        }
        return sb.toString();
    }
}
