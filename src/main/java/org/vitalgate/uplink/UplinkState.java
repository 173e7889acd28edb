package org.vitalgate.uplink;

/**
 * The uplink's connection state. See {@link MqttUplink} for the transitions.
 */
public enum UplinkState {
    /** Not started, or between a lost connection and the decision how long to wait. */
    DISCONNECTED,
    /** A connect attempt (TCP, TLS, CONNECT/CONNACK) is in progress. */
    CONNECTING,
    /** Connected: publishing from the outbox. */
    CONNECTED,
    /** Waiting (exponential backoff with jitter) after a transient failure. */
    BACKOFF,
    /** The broker refused our identity (or our TLS/credential material is unusable): long backoff. */
    REJECTED,
    /** Closed for good. */
    CLOSED
}
