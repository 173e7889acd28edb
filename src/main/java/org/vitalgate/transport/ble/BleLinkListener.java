package org.vitalgate.transport.ble;

/**
 * Link-level state changes. Called on the {@code ble-events} thread: enqueue and return, never block.
 * All methods have empty defaults.
 */
public interface BleLinkListener {
    /** The connection to {@code address} ended (device, BlueZ, adapter or we closed it). */
    default void onDisconnected(String address) {
    }

    /** bluetoothd (re)appeared on the bus and the link re-initialised against it, or it went away. */
    default void onBluezAvailable(boolean available) {
    }

    /** The adapter appeared/powered on (true) or was removed/powered off (false). */
    default void onAdapterReady(boolean ready) {
    }
}
