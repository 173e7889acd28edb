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
 * @param receivedAt    hub receive instant, taken by the transport when the bytes arrived; for
 *                      {@link Kind#CLOCK_WRITTEN} the hub instant whose time was written into the device
 * @param connection    which connection to the device delivered the frame: frames of one connection share the
 *                      number, a new connection gets a new one; 0 when the transport does not tell connections apart
 * @param kind          bytes the device sent, or the clock value the hub wrote into it
 */
public record RawFrame(String deviceAddress, String channel, Bytes payload, Instant receivedAt, long connection,
                       Kind kind) {
    /** What a frame stands for. */
    public enum Kind {
        /** Bytes the device sent: a notification, an indication or a read value. */
        RECEIVED,
        /**
         * The device accepted (write with response) the clock value the hub wrote, built from the hub's time at
         * {@code receivedAt}: on this connection the device clock is the hub's.
         */
        CLOCK_WRITTEN
    }

    public RawFrame {
        Objects.requireNonNull(deviceAddress, "deviceAddress");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(kind, "kind");
    }

    /** Bytes received from the device, on a transport that does not tell connections apart. */
    public RawFrame(String deviceAddress, String channel, Bytes payload, Instant receivedAt) {
        this(deviceAddress, channel, payload, receivedAt, 0, Kind.RECEIVED);
    }

    /** This frame, as delivered on {@code connectionNumber}. */
    public RawFrame inConnection(long connectionNumber) {
        return new RawFrame(deviceAddress, channel, payload, receivedAt, connectionNumber, kind);
    }
}
