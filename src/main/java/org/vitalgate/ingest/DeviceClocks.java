package org.vitalgate.ingest;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.codec.gatt.cts.CurrentTime;
import org.vitalgate.reading.Bytes;

/**
 * Decodes a device clock read (Current Time 0x2A2B or Date Time 0x2A08) to the device's wall-clock time.
 * Pure; thread-safe.
 */
final class DeviceClocks {
    static final String CURRENT_TIME = "gatt.cts.current-time";
    static final String DATE_TIME = "gatt.common.datetime";

    private final CodecRegistry registry;

    DeviceClocks(CodecRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    static boolean isClock(String codecId) {
        return CURRENT_TIME.equals(codecId) || DATE_TIME.equals(codecId);
    }

    Decoded<LocalDateTime> decode(String codecId, Bytes value) {
        Decoded<?> decoded = registry.byId(codecId).map(c -> (Decoded<?>) c.decode(value))
                .orElseGet(() -> Decoded.unsupported("unknown codec id " + codecId, value));
        if (!(decoded instanceof Decoded.Ok<?> ok)) {
            @SuppressWarnings("unchecked")
            Decoded<LocalDateTime> failure = (Decoded<LocalDateTime>) decoded;
            return failure;
        }
        Optional<LocalDateTime> time = ok.value() instanceof CurrentTime ct ? ct.localDateTime()
                : ok.value() instanceof GattDateTime dt ? dt.localDateTime() : Optional.empty();
        return time.<Decoded<LocalDateTime>>map(Decoded::ok)
                .orElseGet(() -> Decoded.malformed("device clock date unknown", 0, value));
    }
}
