package org.vitalgate.transport.sim.bluez;

/**
 * The firmware of a simulated peripheral: reacts to connection, subscriptions and writes. Called on the fake's
 * own device thread, one event at a time, so implementations need no locking of their own state.
 */
public interface SimBehaviour {
    default void onConnected(DeviceSide device) {
    }

    default void onNotifyStarted(DeviceSide device, String uuid) {
    }

    /**
     * A write from the central. Runs synchronously inside WriteValue (before it returns), so throwing
     * {@link FakeBluez#error} fails the write; reactions that send data should use {@link DeviceSide#later}.
     */
    default void onWrite(DeviceSide device, String uuid, byte[] value) {
    }

    /**
     * A read from the central: the value to return, or empty for the characteristic's stored value. Runs
     * synchronously inside ReadValue, like {@link #onWrite}.
     */
    default java.util.Optional<byte[]> onRead(DeviceSide device, String uuid) {
        return java.util.Optional.empty();
    }

    default void onDisconnected(DeviceSide device) {
    }
}
