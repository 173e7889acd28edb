package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vitalgate.uplink.UplinkTestSupport.ROOT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.MqttTestSubscriber;
import org.vitalgate.testing.TestPki;

/** TLS: mutual TLS works with every key format; every identity problem ends in REJECTED; no plaintext. */
class MqttUplinkTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    @Test
    void mutualTlsDeliversWithPkcs8Sec1AndPkcs1KeysAndCertificateChains() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.tls(MosquittoBroker.Tls.mutual(pki)).start();
             MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, ROOT + "/readings")) {
            List<UplinkSettings.TlsSettings> variants = List.of(
                    UplinkTestSupport.tls(pki.caCert(), pki.clientCert(), pki.clientKey()),          // SEC1 EC
                    UplinkTestSupport.tls(pki.caCert(), pki.clientChain(), pki.clientKeyPkcs8()),    // PKCS#8, chain
                    UplinkTestSupport.tls(pki.caCert(), pki.rsaClientCert(), pki.rsaClientKey()));   // PKCS#1 RSA
            int expected = 0;
            for (UplinkSettings.TlsSettings tls : variants) {
                InMemoryOutbox outbox = new InMemoryOutbox();
                outbox.addReadings(20);
                expected += 20;
                try (MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withTls(
                        UplinkTestSupport.settings(broker.uri()), tls), outbox, new UplinkTestSupport.RecordingListener())) {
                    uplink.start();
                    await().atMost(WAIT).until(() -> outbox.confirmedCount() == 20);
                    assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
                }
                sub.awaitCount(expected, WAIT);
            }
        }
    }

    @Test
    void untrustedServerIsRejected() throws Exception {
        assertRejected(MosquittoBroker.Tls.server(pki),
                UplinkTestSupport.tls(pki.otherCaCert(), null, null), "PKIX");
    }

    @Test
    void wrongHostNameIsRejected() throws Exception {
        // the certificate is signed by the trusted CA but names wrong.example.invalid, not 127.0.0.1
        assertRejected(MosquittoBroker.Tls.server(pki).withServerCert(pki.wrongHostCert(), pki.wrongHostKey()),
                UplinkTestSupport.tls(pki.caCert(), null, null), "127.0.0.1");
    }

    @Test
    void missingClientCertificateIsRejected() throws Exception {
        assertRejected(MosquittoBroker.Tls.mutual(pki), UplinkTestSupport.tls(pki.caCert(), null, null), "TLS");
    }

    @Test
    void clientCertificateFromAnotherCaIsRejected() throws Exception {
        assertRejected(MosquittoBroker.Tls.mutual(pki),
                UplinkTestSupport.tls(pki.caCert(), pki.otherClientCert(), pki.otherClientKey()), "TLS");
    }

    @Test
    void unreadableKeyIsRejectedWithoutConnecting() throws Exception {
        assertRejected(MosquittoBroker.Tls.mutual(pki),
                UplinkTestSupport.tls(pki.caCert(), pki.clientCert(), dir.resolve("missing.key")), "missing.key");
    }

    @Test
    void tlsUriAgainstAPlaintextListenerNeverFallsBackToPlaintext() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, "#")) {
            InMemoryOutbox outbox = new InMemoryOutbox();
            outbox.addReadings(5);
            var listener = new UplinkTestSupport.RecordingListener();
            var settings = UplinkTestSupport.withTls(UplinkTestSupport.settings(
                    java.net.URI.create("mqtts://127.0.0.1:" + broker.port())),
                    UplinkTestSupport.tls(pki.caCert(), pki.clientCert(), pki.clientKey()));
            try (MqttUplink uplink = UplinkTestSupport.uplink(settings, outbox, listener)) {
                uplink.start();
                // mosquitto reads the ClientHello as a malformed MQTT packet and drops the connection
                await().atMost(WAIT).until(() -> listener.states.stream()
                        .filter(s -> s == UplinkState.BACKOFF || s == UplinkState.REJECTED).count() >= 2);
                assertThat(uplink.status().connects()).isZero();
                assertThat(listener.states).doesNotContain(UplinkState.CONNECTED);
                System.out.println("TLS against plaintext: " + uplink.status().lastError().orElseThrow());
            }
            // a marker round trip: anything the uplink got through would have arrived before it
            sub.publish("marker", new byte[] {1});
            sub.await(MqttTestSubscriber.onTopic("marker"), WAIT);
            assertThat(sub.messages(r -> !r.topic().equals("marker"))).isEmpty();   // not even a status message
            assertThat(outbox.confirmedCount()).isZero();
        }
    }

    /**
     * A Pi after a power cut: its clock is days behind, so the broker's certificate is "not yet valid". Once NTP
     * answers (here: the clock says synchronized and the certificate is valid by the test's clock), the uplink
     * connects at once instead of waiting out the rejection backoff (10 minutes here).
     */
    @Test
    void certificateNotYetValidOnAnUnsynchronizedClockIsRetriedAsSoonAsTheClockIsSynchronized() throws Exception {
        Path cert = dir.resolve("clock-server.pem");
        Path key = dir.resolve("clock-server.key");
        java.nio.file.Files.copy(pki.futureServerCert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.copy(pki.futureServerKey(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.util.concurrent.atomic.AtomicReference<org.vitalgate.reading.HubClock> hubClock =
                new java.util.concurrent.atomic.AtomicReference<>(org.vitalgate.reading.HubClock.NOT_SYNCHRONIZED);
        try (MosquittoBroker broker = MosquittoBroker.tls(MosquittoBroker.Tls.server(pki).withServerCert(cert, key))
                .start()) {
            InMemoryOutbox outbox = new InMemoryOutbox();
            outbox.addReadings(3);
            var listener = new UplinkTestSupport.RecordingListener();
            UplinkSettings settings = UplinkTestSupport.withRejectionBackoff(UplinkTestSupport.withTls(
                    UplinkTestSupport.settings(broker.uri()), UplinkTestSupport.tls(pki.caCert(), null, null)),
                    Duration.ofMinutes(10));
            try (MqttUplink uplink = new MqttUplink(settings, outbox, new UplinkTestSupport.CountingStatus(),
                    UplinkTestSupport.STAMP, CommandHandler.IGNORE, listener, java.time.Clock.systemUTC(),
                    hubClock::get)) {
                uplink.start();
                await().atMost(WAIT).until(() -> !listener.rejections.isEmpty());
                ConnectFailure failure = listener.rejections.get(0);
                assertThat(failure.certificateValidity()).isTrue();
                assertThat(failure.reason()).contains("not yet valid");
                assertThat(uplink.state()).isEqualTo(UplinkState.REJECTED);

                // NTP answers: the hub clock is right now, and by it the broker's certificate is valid
                java.nio.file.Files.copy(pki.serverCert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                java.nio.file.Files.copy(pki.serverKey(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                broker.stop();
                broker.start();
                hubClock.set(org.vitalgate.reading.HubClock.SYNCHRONIZED);
                await().atMost(WAIT).until(() -> outbox.confirmedCount() == 3);
                assertThat(uplink.state()).isEqualTo(UplinkState.CONNECTED);
                assertThat(listener.rejections).hasSize(1);
            }
        }
    }

    private static void assertRejected(MosquittoBroker.Tls brokerTls, UplinkSettings.TlsSettings clientTls,
                                       String reasonContains) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.tls(brokerTls).start();
             MqttTestSubscriber sub = MqttTestSubscriber.subscribe(broker, "#")) {
            InMemoryOutbox outbox = new InMemoryOutbox();
            outbox.addReadings(5);
            var listener = new UplinkTestSupport.RecordingListener();
            try (MqttUplink uplink = UplinkTestSupport.uplink(UplinkTestSupport.withTls(
                    UplinkTestSupport.settings(broker.uri()), clientTls), outbox, listener)) {
                uplink.start();
                await().atMost(WAIT).until(() -> listener.rejections.size() >= 2);
                ConnectFailure failure = listener.rejections.get(0);
                assertThat(failure.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
                assertThat(failure.reason()).contains(reasonContains);
                assertThat(listener.states).contains(UplinkState.REJECTED).doesNotContain(UplinkState.CONNECTED);
                assertThat(uplink.status().rejections()).isGreaterThanOrEqualTo(2);
                long gapMs = (listener.rejectedAtNanos.get(1) - listener.rejectedAtNanos.get(0)) / 1_000_000;
                assertThat(gapMs).as("rejection backoff (300 ms), not the 50 ms transient backoff")
                        .isGreaterThanOrEqualTo(280);
                System.out.println("rejected as expected: " + failure.reason());
            }
            assertThat(sub.messages()).isEmpty();
            assertThat(outbox.confirmedCount()).isZero();
        }
    }
}
