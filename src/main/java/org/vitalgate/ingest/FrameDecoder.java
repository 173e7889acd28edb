package org.vitalgate.ingest;

import java.time.LocalDateTime;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/** Decodes one frame of a channel with the codec the device's profile names. Pure and thread-safe. */
public interface FrameDecoder {

    /** Whether {@code codecId} decodes a device clock (Current Time, Date Time) rather than a measurement. */
    boolean isClock(String codecId);

    Decoded<LocalDateTime> decodeClock(String codecId, Bytes value);

    Decoded<DecodedMeasurement> decodeMeasurement(String codecId, Bytes value);
}
