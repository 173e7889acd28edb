package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectFailureTest {

    @ParameterizedTest
    @EnumSource(value = Mqtt3ConnAckReturnCode.class, names = {"NOT_AUTHORIZED", "BAD_USER_NAME_OR_PASSWORD",
            "IDENTIFIER_REJECTED", "UNSUPPORTED_PROTOCOL_VERSION"})
    void identityRefusalsAreRejections(Mqtt3ConnAckReturnCode code) {
        ConnectFailure f = ConnectFailure.classify(new CompletionException(connAck(code)));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
        assertThat(f.reason()).contains(code.name());
    }

    @Test
    void serverUnavailableIsTransient() {
        ConnectFailure f = ConnectFailure.classify(connAck(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.TRANSIENT);
        assertThat(f.reason()).contains("SERVER_UNAVAILABLE");
    }

    @Test
    void anyTlsFailureInTheChainIsARejection() {
        ConnectFailure f = ConnectFailure.classify(new ConnectionClosedException(
                new SSLHandshakeException("Received fatal alert: certificate_required")));
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
        assertThat(f.reason()).contains("certificate_required");

        assertThat(ConnectFailure.classify(new ConnectionFailedException(
                new javax.net.ssl.SSLException("Unrecognized SSL message, plaintext connection?"))).kind())
                .isEqualTo(ConnectFailure.Kind.REJECTED);
    }

    @Test
    void badLocalMaterialIsARejection() {
        assertThat(ConnectFailure.classify(new TlsMaterialException("no private key in /x")).kind())
                .isEqualTo(ConnectFailure.Kind.REJECTED);
        assertThat(ConnectFailure.classify(new CredentialsException("credentials file /c unreadable")).kind())
                .isEqualTo(ConnectFailure.Kind.REJECTED);
    }

    @Test
    void networkTroubleIsTransient() {
        ConnectFailure refused = ConnectFailure.classify(new ConnectionFailedException(
                new ConnectException("Connection refused")));
        assertThat(refused.kind()).isEqualTo(ConnectFailure.Kind.TRANSIENT);
        assertThat(refused.reason()).contains("Connection refused");
        assertThat(ConnectFailure.classify(new ConnectionClosedException("Server closed connection without DISCONNECT."))
                .kind()).isEqualTo(ConnectFailure.Kind.TRANSIENT);
        assertThat(ConnectFailure.classify(new java.util.concurrent.TimeoutException()).kind())
                .isEqualTo(ConnectFailure.Kind.TRANSIENT);
    }

    private static Mqtt3ConnAckException connAck(Mqtt3ConnAckReturnCode code) {
        Mqtt3ConnAck ack = new Mqtt3ConnAck() {
            @Override
            public Mqtt3ConnAckReturnCode getReturnCode() {
                return code;
            }

            @Override
            public boolean isSessionPresent() {
                return false;
            }
        };
        return new Mqtt3ConnAckException(ack, "CONNACK " + code, null);
    }

    @Test
    void certificateValidityFailuresAreRecognised() {
        ConnectFailure f = ConnectFailure.classify(new javax.net.ssl.SSLHandshakeException("PKIX path validation failed") {
            {
                initCause(new java.security.cert.CertPathValidatorException("validity check failed",
                        new java.security.cert.CertificateExpiredException("NotAfter: ..."), null, -1,
                        java.security.cert.CertPathValidatorException.BasicReason.EXPIRED));
            }
        });
        assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
        assertThat(f.certificateValidity()).isTrue();
        assertThat(f.reason()).contains("has expired by the hub clock");
        ConnectFailure untrusted = ConnectFailure.classify(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
        assertThat(untrusted.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
        assertThat(untrusted.certificateValidity()).isFalse();
    }
}
