package org.vitalgate.transport.sim.bluez;

import java.util.List;

/** What a simulated device's firmware can do to the central. Thread-safe. */
public interface DeviceSide {
    String address();

    /** Sends a notification/indication; dropped (and counted) unless the central subscribed to {@code uuid}. */
    void notify(String uuid, byte[] value);

    boolean isNotifying(String uuid);

    /** The device drops the link (Connected and ServicesResolved go false). */
    void disconnect();

    /** All values the central wrote to {@code uuid}, oldest first. */
    List<byte[]> writes(String uuid);

    /** Runs {@code action} on the device thread after {@code millis}. */
    void later(long millis, Runnable action);
}
