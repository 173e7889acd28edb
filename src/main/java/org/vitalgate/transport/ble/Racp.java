package org.vitalgate.transport.ble;

import java.util.Optional;
import java.util.OptionalLong;
import org.vitalgate.reading.Bytes;

/**
 * Record Access Control Point (0x2A52) requests and the one response the transport needs to recognise: the
 * final "response code" indication that ends a report procedure (device-protocols.md A.4.4). This is procedure
 * control, not measurement decoding. Pure functions; thread-safe.
 */
public final class Racp {
    public static final String UUID = GattUuid.of16(0x2A52);
    public static final int SUCCESS = 0x01;
    public static final int NO_RECORDS = 0x06;

    private Racp() {
    }

    /**
     * "Report stored records": all records when nothing was committed yet, else records with sequence number
     * ≥ last + 1 ({@code 01 03 01 NN NN}). A pointer at the top of the uint16 range asks for all records (the
     * hub deduplicates re-sent records).
     */
    public static Bytes reportAfter(OptionalLong lastCommitted) {
        if (lastCommitted.isEmpty() || lastCommitted.getAsLong() < 0 || lastCommitted.getAsLong() >= 0xFFFF) {
            return Bytes.of((byte) 0x01, (byte) 0x01);
        }
        int next = (int) lastCommitted.getAsLong() + 1;
        return Bytes.of((byte) 0x01, (byte) 0x03, (byte) 0x01, (byte) next, (byte) (next >> 8));
    }

    /** The response code if {@code value} is a response to "report stored records" ({@code 06 00 01 cc}). */
    public static Optional<Integer> reportResponseCode(Bytes value) {
        if (value.size() == 4 && value.u8(0) == 0x06 && value.u8(1) == 0x00 && value.u8(2) == 0x01) {
            return Optional.of(value.u8(3));
        }
        return Optional.empty();
    }
}
