package org.vitalgate.uplink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the uplink reaches the broker. Built by the config loader (which validates it) or by tests.
 *
 * @param broker           {@code mqtts://host:port} (TLS, the default port 8883) or {@code mqtt://host:port}
 *                         (plaintext: only ever to a loopback address, for the demo and tests)
 * @param hubId            this hub's id (topic level and default client id)
 * @param clientId         MQTT client identifier
 * @param topicRoot        topic root with {@code {hubId}} already substituted, e.g. {@code vitalgate/v1/hub-1}
 * @param tls              TLS material; required for {@code mqtts}
 * @param credentialsFile  optional file with {@code username} on line 1 and {@code password} on line 2
 * @param inflightWindow   maximum QoS 1 publishes awaiting PUBACK (AWS IoT allows 100)
 * @param maxPublishRate   optional cap in publishes per second (AWS IoT: 100/s per connection)
 * @param retainStatus     whether the status topic (and the will) are retained (Azure IoT Hub has no retain)
 * @param keepAlive        MQTT keep-alive
 * @param connectTimeout   deadline for one connect attempt
 * @param backoffMin       first retry delay after a failed connect (full jitter applies)
 * @param backoffMax       cap of the exponential backoff
 * @param rejectionBackoff delay after the broker rejected our credentials or TLS identity
 */
public record UplinkSettings(
        URI broker,
        String hubId,
        String clientId,
        String topicRoot,
        Optional<TlsSettings> tls,
        Optional<Path> credentialsFile,
        int inflightWindow,
        OptionalDouble maxPublishRate,
        boolean retainStatus,
        Duration keepAlive,
        Duration connectTimeout,
        Duration backoffMin,
        Duration backoffMax,
        Duration rejectionBackoff) {

    public UplinkSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicRoot, "topicRoot");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(maxPublishRate, "maxPublishRate");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(rejectionBackoff, "rejectionBackoff");
        if (inflightWindow < 1) {
            throw new IllegalArgumentException("inflightWindow must be >= 1: " + inflightWindow);
        }
    }

    /** Defaults for everything but where to connect; tests and the demo start from here. */
    public static UplinkSettings defaults(URI broker, String hubId) {
        return new UplinkSettings(broker, hubId, "vitalgate-" + hubId, "vitalgate/v1/" + hubId,
                Optional.empty(), Optional.empty(), 100, OptionalDouble.empty(), true,
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofMinutes(15));
    }

    /**
     * TLS material, PEM files. Server certificate and host name verification are always on.
     *
     * @param caFile     trust anchors for the broker's certificate; empty means the JVM's default trust store
     * @param clientCert client certificate chain for mutual TLS (with {@code clientKey})
     * @param clientKey  the client's private key (PKCS#8 or PKCS#1/SEC1 PEM, unencrypted)
     */
    public record TlsSettings(Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey) {
        public TlsSettings {
            Objects.requireNonNull(caFile, "caFile");
            Objects.requireNonNull(clientCert, "clientCert");
            Objects.requireNonNull(clientKey, "clientKey");
            if (clientCert.isPresent() != clientKey.isPresent()) {
                throw new IllegalArgumentException("clientCert and clientKey go together");
            }
        }
    }
}
