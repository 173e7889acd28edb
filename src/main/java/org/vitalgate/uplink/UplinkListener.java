package org.vitalgate.uplink;

/**
 * Observes the uplink, e.g. to record events and update health. Called on the uplink thread; must not block.
 */
public interface UplinkListener {
    /** Every state transition. */
    default void stateChanged(UplinkState from, UplinkState to) {
    }

    /**
     * The broker refused our identity, or our TLS/credential material is unusable; called once per rejected
     * attempt (attempts are {@code rejectionBackoff} apart). The reason never contains a password.
     */
    default void rejected(ConnectFailure failure) {
    }

    /** Ignores everything. */
    UplinkListener NONE = new UplinkListener() {
    };
}
