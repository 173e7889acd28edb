package org.vitalgate.uplink;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Why a connect attempt (or a connection) failed, classified for the retry policy.
 *
 * <p>{@link Kind#REJECTED}: the broker (or our own TLS/credential material) refused our identity: CONNACK
 * not-authorized, bad user name or password, identifier rejected, unsupported protocol version; any TLS
 * failure (untrusted or wrong-host server certificate, client certificate required/refused/expired,
 * handshake failure); unreadable TLS or credential files. Retrying quickly cannot help and, with some clients,
 * costs a thread per attempt: the uplink waits {@code rejectionBackoff}. {@link Kind#TRANSIENT}: everything
 * else (refused or reset TCP connection, timeouts, server unavailable): exponential backoff.
 *
 * @param kind   the retry class
 * @param reason one line for logs and events; never contains a password
 */
public record ConnectFailure(Kind kind, String reason) {
    public enum Kind { REJECTED, TRANSIENT }

    public ConnectFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** Classifies a failure by walking its cause chain. */
    public static ConnectFailure classify(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Mqtt3ConnAckException connAck) {
                Mqtt3ConnAckReturnCode code = connAck.getMqttMessage().getReturnCode();
                String reason = "broker refused the connection: CONNACK " + code;
                return code == Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE
                        ? new ConnectFailure(Kind.TRANSIENT, reason)
                        : new ConnectFailure(Kind.REJECTED, reason);
            }
            if (t instanceof SSLException) {
                return new ConnectFailure(Kind.REJECTED, "TLS failure: " + describe(t));
            }
            if (t instanceof TlsMaterialException || t instanceof CredentialsException) {
                return new ConnectFailure(Kind.REJECTED, t.getMessage());
            }
        }
        return new ConnectFailure(Kind.TRANSIENT, describe(failure));
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        Throwable cause = t.getCause();
        if (cause != null && cause != t && cause.getMessage() != null && (message == null
                || !message.contains(cause.getMessage()))) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text.replace('\n', ' ');
    }
}
