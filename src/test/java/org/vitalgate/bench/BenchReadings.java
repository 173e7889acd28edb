package org.vitalgate.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.store.EventEncoder;
import org.vitalgate.uplink.payload.JsonV1;
import org.vitalgate.store.PayloadEncoder;

/**
 * Realistic blood-pressure drafts and a stand-in JSON encoder producing ~600-byte payloads (the shape of the
 * platform's reading message), for the benchmarks and the preloader. Not thread-safe.
 */
final class BenchReadings {
    private static final DeviceIdentity CUFF = new DeviceIdentity(Transport.BLE, "A4:C1:38:5E:91:0F", "Acme Medical",
            "BP200 Connect", Optional.of("BP200-00431977"), Optional.of("2.4.1"), "acme-bp200");
    private final ReadingIds ids = new ReadingIds(Clock.systemUTC());
    private final String runPrefix = Long.toString(System.nanoTime(), 36);
    private final Instant base = Instant.now();

    ReadingDraft draft(long i) {
        Instant received = base.plusSeconds(i);
        LocalDateTime deviceTime = LocalDateTime.ofInstant(received.minusSeconds(4), ZoneOffset.UTC);
        TimeChain time = new TimeChain(Optional.of(deviceTime), received.minusSeconds(4), TimeCorrection.DEVICE_LOCAL_UNCORRECTED,
                Optional.empty(), received, HubClock.SYNCHRONIZED);
        return new ReadingDraft(ids.next(), "d1-" + runPrefix + "-" + i, CUFF, "enr-7f3a9c21e4b8", OptionalInt.of(1),
                OptionalLong.empty(), time, List.of(
                Measurement.of(MeasurementType.BP_SYSTOLIC, Long.toString(110 + i % 40), Unit.MMHG),
                Measurement.of(MeasurementType.BP_DIASTOLIC, Long.toString(70 + i % 20), Unit.MMHG),
                Measurement.of(MeasurementType.BP_MEAN, Long.toString(85 + i % 20), Unit.MMHG),
                Measurement.of(MeasurementType.PULSE_RATE_NONINV, Long.toString(60 + i % 30), Unit.PER_MIN)),
                Set.of(StatusFlag.IRREGULAR_PULSE), Origin.SENSED);
    }

    /** The real json-v1 encoder (readings and events), so benchmarks store and publish real payloads. */
    static JsonV1 json() {
        return new JsonV1("bench-hub");
    }

    static PayloadEncoder payloads() {
        return json();
    }

    static EventEncoder events() {
        return json();
    }
}
