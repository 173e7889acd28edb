package org.vitalgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a broker starts, restarts on the same port, serves TLS, and the subscriber collects. */
class MosquittoBrokerIT {
    @TempDir
    Path tmp;

    @Test
    void plainBrokerDeliversAndRestartsOnTheSamePort() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
            int port = broker.port();
            assertThat(broker.uri().toString()).isEqualTo("mqtt://127.0.0.1:" + port);
            assertThat(Files.readString(broker.directory().resolve("mosquitto.conf")))
                    .contains("listener " + port + " 127.0.0.1").doesNotContain("\nport ");

            publishRetained(broker, "t/a", "one");
            try (MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, "t/#")) {
                MqttTestSubscriber.Received r = sub.await(MqttTestSubscriber.onTopic("t/a"), Duration.ofSeconds(5));
                assertThat(r.text()).isEqualTo("one");
                assertThat(r.retained()).isTrue();
            }

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);

            broker.start();
            assertThat(broker.port()).isEqualTo(port);
            try (MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, "t/#")) {
                publishRetained(broker, "t/b", "two");
                assertThat(sub.await(MqttTestSubscriber.onTopic("t/b"), Duration.ofSeconds(5)).text())
                        .isEqualTo("two");
                // persistence is off: the retained message from before the kill is gone
                assertThat(sub.messages(MqttTestSubscriber.onTopic("t/a"))).isEmpty();
            }
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(broker.log()).containsPattern("mosquitto version \\S+ running");
        }
    }

    @Test
    void tlsBrokerPresentsTheServerCertificateAndKeepsAPlainListener() throws Exception {
        TestPki pki = TestPki.create(tmp.resolve("pki"));
        try (MosquittoBroker broker = MosquittoBroker.tls(MosquittoBroker.Tls.server(pki)).start()) {
            assertThat(broker.uri().getScheme()).isEqualTo("mqtts");
            try (SSLSocket s = (SSLSocket) trusting(pki.caCert()).getSocketFactory()
                    .createSocket("127.0.0.1", broker.port())) {
                s.startHandshake();
                X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
                assertThat(peer.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            }
            try (MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, "x/#")) {
                publishRetained(broker, "x/y", "z");
                assertThat(sub.awaitCount(1, Duration.ofSeconds(5))).hasSize(1);
            }
        }
    }

    @Test
    void mutualTlsBrokerRefusesAClientWithoutCertificate() throws Exception {
        TestPki pki = TestPki.create(tmp.resolve("pki"));
        try (MosquittoBroker broker = MosquittoBroker.tlsOnly(MosquittoBroker.Tls.mutual(pki)
                .withTlsVersion("tlsv1.3")).start()) {
            assertThat(broker.plainPort()).isEqualTo(-1);
            assertThatThrownBy(() -> {
                try (SSLSocket s = (SSLSocket) trusting(pki.caCert()).getSocketFactory()
                        .createSocket("127.0.0.1", broker.port())) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    s.getOutputStream().write(new byte[] {0x10, 0});   // TLS 1.3: the alert comes on first I/O
                    InputStream in = s.getInputStream();
                    in.read();
                }
            }).isInstanceOf(java.io.IOException.class);   // certificate_required alert, or a reset socket
            // the broker writes its log line after it has reset the socket: wait for it, don't race it
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(broker.log()).containsIgnoringCase("certificate"));
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void publishRetained(MosquittoBroker broker, String topic, String text) throws Exception {
        MqttClient c = new MqttClient(broker.plainTcpUri(), MqttClient.generateClientId(), new MemoryPersistence());
        c.connect();
        c.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, true);
        c.disconnect(1000);
        c.close(true);
    }
}
