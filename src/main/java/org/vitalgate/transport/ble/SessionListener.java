package org.vitalgate.transport.ble;

/** Receives session events. Called on the {@code ble-session} thread: enqueue and return. */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
