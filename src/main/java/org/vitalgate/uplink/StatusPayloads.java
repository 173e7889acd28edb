package org.vitalgate.uplink;

import java.time.Instant;

/**
 * The bytes of the {@code status} topic: what the uplink publishes after connecting and what the broker
 * publishes for it (the MQTT will) when the connection dies. Implementations are pure and thread-safe.
 */
public interface StatusPayloads {
    /** Published (retained iff configured) right after each CONNACK. */
    byte[] online(Instant connectedAt);

    /** The will payload, and what the uplink publishes itself before a clean disconnect. */
    byte[] offline();
}
