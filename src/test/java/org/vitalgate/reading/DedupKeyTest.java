package org.vitalgate.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DedupKeyTest {
    private static final LocalDateTime DEVICE_TIME = LocalDateTime.of(2026, 11, 27, 8, 15, 0);
    private static final Instant RX = Instant.parse("2026-11-27T08:20:00Z");
    private static final List<MeasurementType> BP = List.of(MeasurementType.BP_SYSTOLIC, MeasurementType.BP_DIASTOLIC);

    private static DeviceIdentity cuff(String address, Optional<String> serial) {
        return new DeviceIdentity(Transport.BLE, address, "A&D Medical", "UA-651BLE", serial, Optional.empty(),
                "and-ua651ble");
    }

    private static TimeChain deviceTime(LocalDateTime t, Instant receivedAt) {
        return new TimeChain(Optional.of(t), t.toInstant(java.time.ZoneOffset.UTC), TimeCorrection.DEVICE_LOCAL_UNCORRECTED,
                Optional.empty(), receivedAt, HubClock.SYNCHRONIZED);
    }

    private static String key(DeviceIdentity d, OptionalInt slot, List<MeasurementType> types, TimeChain t,
                              OptionalLong record) {
        return DedupKey.of(d, slot, types, t, record);
    }

    @Test
    void aStoredMeasurementSentAgainLaterHasTheSameKey() {
        String first = key(cuff("00:09:1F:5A:00:01", Optional.empty()), OptionalInt.of(1), BP,
                deviceTime(DEVICE_TIME, RX), OptionalLong.empty());
        // second upload: an hour later, the serial number now known, address in lower case, types in another order
        String again = key(cuff("00:09:1f:5a:00:01", Optional.of("5170123")), OptionalInt.of(1), List.of(MeasurementType.BP_DIASTOLIC, MeasurementType.BP_SYSTOLIC),
                deviceTime(DEVICE_TIME, RX.plus(Duration.ofHours(1))), OptionalLong.empty());
        assertThat(again).isEqualTo(first).matches("d1-[0-9a-f]{32}");
    }

    @Test
    void anythingThatMakesItAnotherMeasurementChangesTheKey() {
        DeviceIdentity cuff = cuff("00:09:1F:5A:00:01", Optional.empty());
        String base = key(cuff, OptionalInt.of(1), BP, deviceTime(DEVICE_TIME, RX), OptionalLong.of(7));
        assertThat(List.of(
                key(cuff("00:09:1F:5A:00:02", Optional.empty()), OptionalInt.of(1), BP, deviceTime(DEVICE_TIME, RX),
                        OptionalLong.of(7)),
                key(cuff, OptionalInt.of(2), BP, deviceTime(DEVICE_TIME, RX), OptionalLong.of(7)),
                key(cuff, OptionalInt.empty(), BP, deviceTime(DEVICE_TIME, RX), OptionalLong.of(7)),
                key(cuff, OptionalInt.of(1), List.of(MeasurementType.BP_SYSTOLIC), deviceTime(DEVICE_TIME, RX),
                        OptionalLong.of(7)),
                key(cuff, OptionalInt.of(1), BP, deviceTime(DEVICE_TIME.plusSeconds(1), RX), OptionalLong.of(7)),
                key(cuff, OptionalInt.of(1), BP, deviceTime(DEVICE_TIME, RX), OptionalLong.of(8)),
                key(cuff, OptionalInt.of(1), BP, deviceTime(DEVICE_TIME, RX), OptionalLong.empty())))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void readingsWithoutADeviceTimeStampNeverCollapse() {
        DeviceIdentity cuff = cuff("00:09:1F:5A:00:01", Optional.empty());
        String a = key(cuff, OptionalInt.empty(), BP, TimeChain.receivedOnly(RX, HubClock.SYNCHRONIZED), OptionalLong.empty());
        String b = key(cuff, OptionalInt.empty(), BP, TimeChain.receivedOnly(RX.plusMillis(1), HubClock.SYNCHRONIZED), OptionalLong.empty());
        assertThat(a).isNotEqualTo(b);
    }
}
