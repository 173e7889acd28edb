package org.vitalgate.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DedupKey;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;

/** Readings for tests: a typical blood-pressure reading and a worst case with every optional field. */
public final class SampleReadings {
    public static final Instant RECEIVED = Instant.parse("2026-11-27T08:15:03.250Z");

    private SampleReadings() {
    }

    public static DeviceIdentity cuff() {
        return new DeviceIdentity(Transport.BLE, "A4:C1:38:00:11:22", "Acme Medical", "BP200",
                Optional.of("SN0012345"), Optional.of("1.4.2"), "acme-bp200");
    }

    /** A blood-pressure reading with device time, user slot and an irregular-pulse flag. */
    public static Reading bloodPressure(long seq) {
        LocalDateTime deviceTime = LocalDateTime.parse("2026-11-27T09:15:00");
        TimeChain time = new TimeChain(Optional.of(deviceTime), Instant.parse("2026-11-27T08:15:00Z"),
                TimeCorrection.DEVICE_LOCAL_UNCORRECTED, Optional.empty(), RECEIVED, HubClock.SYNCHRONIZED);
        List<MeasurementType> types = List.of(MeasurementType.BP_SYSTOLIC, MeasurementType.BP_DIASTOLIC,
                MeasurementType.BP_MEAN, MeasurementType.PULSE_RATE_NONINV);
        return new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8V"),
                DedupKey.of(cuff(), OptionalInt.of(1), types, time, OptionalLong.empty()), cuff(), "enr-7f3a9c",
                OptionalInt.of(1), OptionalLong.empty(), time,
                List.of(Measurement.of(MeasurementType.BP_SYSTOLIC, "128", Unit.MMHG),
                        Measurement.of(MeasurementType.BP_DIASTOLIC, "82", Unit.MMHG),
                        Measurement.of(MeasurementType.BP_MEAN, "97.3", Unit.MMHG),
                        Measurement.of(MeasurementType.PULSE_RATE_NONINV, "71", Unit.PER_MIN)),
                Set.of(StatusFlag.IRREGULAR_PULSE), Origin.SENSED).committed(seq);
    }

    /** One reading of {@code type} in {@code unit}, no device time (measured at receipt). */
    public static Reading single(MeasurementType type, Unit unit, String value) {
        TimeChain time = TimeChain.receivedOnly(RECEIVED, HubClock.SYNCHRONIZED);
        return new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8A"), "d1-00112233445566778899aabbccddeeff",
                cuff(), "enr-1", OptionalInt.empty(), OptionalLong.empty(), time,
                List.of(Measurement.of(type, value, unit)), Set.of(), Origin.SENSED).committed(1);
    }

    /**
     * The largest reading the hub should ever produce: every string field at its schema maximum (ASCII),
     * every optional field present, every status flag, six measurements (more than any profile sends in one
     * reading), the largest seq and record number.
     */
    public static Reading worstCase() {
        DeviceIdentity device = new DeviceIdentity(Transport.SERIAL,
                "/dev/serial/by-id/" + "x".repeat(128 - 18), "M".repeat(64), "m".repeat(64),
                Optional.of("S".repeat(64)), Optional.of("F".repeat(64)), "p".repeat(64));
        TimeChain time = new TimeChain(Optional.of(LocalDateTime.parse("2026-11-27T09:15:00.123456789")),
                Instant.parse("2026-11-27T08:15:00.123Z"), TimeCorrection.DEVICE_CLOCK_OFFSET,
                Optional.of(Duration.ofMillis(-9_999_999_999L)), RECEIVED, HubClock.NOT_SYNCHRONIZED,
                EnumSet.allOf(org.vitalgate.reading.TimeFlag.class));
        return new ReadingDraft(new ReadingId("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"), "d1-" + "f".repeat(32), device,
                "k".repeat(128), OptionalInt.of(255), OptionalLong.of(Long.MAX_VALUE), time,
                List.of(Measurement.of(MeasurementType.GLUCOSE_CAPILLARY_WHOLE_BLOOD, "-123456789012.345678901234", Unit.MMOL_PER_L),
                        Measurement.of(MeasurementType.GLUCOSE_CAPILLARY_PLASMA, "123456789012.345678901234", Unit.MMOL_PER_L),
                        Measurement.of(MeasurementType.BP_SYSTOLIC, "123456789012.345678901234", Unit.MMHG),
                        Measurement.of(MeasurementType.BP_DIASTOLIC, "123456789012.345678901234", Unit.MMHG),
                        Measurement.of(MeasurementType.PULSE_RATE_OXIMETER, "123456789012.345678901234", Unit.PER_MIN),
                        Measurement.of(MeasurementType.BMI, "123456789012.345678901234", Unit.KG_PER_M2)),
                EnumSet.allOf(StatusFlag.class), Origin.SENSED).committed(Long.MAX_VALUE);
    }
}
