package org.vitalgate.transport;

import java.time.Instant;
import java.util.Objects;
import org.vitalgate.reading.Bytes;

/**
 * Bytes as a transport delivered them. For BLE one notification/indication/read is one frame and the channel
 * is the characteristic UUID; for serial the channel is the port and the payload a chunk for a framer.
 *
 * @param deviceAddress transport address (BT MAC "AA:BB:CC:DD:EE:FF" or serial port path)
 * @param channel       characteristic UUID (lower-case, 128-bit form) or port name
 * @param payload       the bytes, untouched
 * @param receivedAt    hub receive instant, taken by the transport when the bytes arrived
 */
public record RawFrame(String deviceAddress, String channel, Bytes payload, Instant receivedAt) {
    public RawFrame {
        Objects.requireNonNull(deviceAddress, "deviceAddress");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
