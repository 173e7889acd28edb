package org.vitalgate.uplink;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Objects;
import java.util.Optional;
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
 * <p>{@code certificateValidity}: the broker's certificate (chain) was refused as not yet valid or expired
 * <em>by the hub's clock</em>. On a hub whose clock is not synchronized (a Pi without RTC after a power cut),
 * that is the clock's fault, not the certificate's: the uplink retries as soon as the clock is synchronized.
 *
 * @param kind                the retry class
 * @param reason              one line for logs and events; never contains a password
 * @param certificateValidity whether the hub refused the broker's certificate for its validity period
 */
public record ConnectFailure(Kind kind, String reason, boolean certificateValidity) {
    public enum Kind { REJECTED, TRANSIENT }

    public ConnectFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public ConnectFailure(Kind kind, String reason) {
        this(kind, reason, false);
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
                Optional<String> validity = validityProblem(t);
                return validity.isPresent()
                        ? new ConnectFailure(Kind.REJECTED, "TLS failure: the broker's certificate " + validity.get()
                                + " by the hub clock (" + describe(t) + ")", true)
                        : new ConnectFailure(Kind.REJECTED, "TLS failure: " + describe(t));
            }
            if (t instanceof TlsMaterialException || t instanceof CredentialsException) {
                return new ConnectFailure(Kind.REJECTED, t.getMessage());
            }
        }
        return new ConnectFailure(Kind.TRANSIENT, describe(failure));
    }

    /** "is not yet valid" or "has expired" when the hub's certificate check refused a validity period. */
    private static Optional<String> validityProblem(Throwable ssl) {
        for (Throwable t = ssl; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateNotYetValidException) {
                return Optional.of("is not yet valid");
            }
            if (t instanceof CertificateExpiredException) {
                return Optional.of("has expired");
            }
            if (t instanceof CertPathValidatorException v) {
                if (v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return Optional.of("is not yet valid");
                }
                if (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                    return Optional.of("has expired");
                }
            }
        }
        return Optional.empty();
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
