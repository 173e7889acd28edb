package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vitalgate.store.EventType;

class EventLimitsTest {
    private final AtomicLong now = new AtomicLong(42);
    private final EventLimits limits = new EventLimits(now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void decodeFailedIsRaisedOnceAMinutePerDeviceAndCodecWithTheRepeats() {
        String key = "AA:BB:CC:DD:EE:FF:gatt.bps.measurement";
        assertThat(limits.admit(EventType.DECODE_FAILED, key)).hasValue(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.admit(EventType.DECODE_FAILED, key)).isEmpty();
        }
        advance(Duration.ofSeconds(59));
        assertThat(limits.admit(EventType.DECODE_FAILED, key)).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(limits.admit(EventType.DECODE_FAILED, key)).hasValue(1001);
        // another device (or codec) is its own key
        assertThat(limits.admit(EventType.DECODE_FAILED, "11:22:33:44:55:66:gatt.bps.measurement")).hasValue(0);
    }

    @Test
    void deviceSeenIsRaisedOncePerTenMinutes() {
        assertThat(limits.admit(EventType.DEVICE_SEEN, "AA:BB")).hasValue(0);
        advance(Duration.ofMinutes(10).minusNanos(1));
        assertThat(limits.admit(EventType.DEVICE_SEEN, "AA:BB")).isEmpty();
        advance(Duration.ofNanos(1));
        assertThat(limits.admit(EventType.DEVICE_SEEN, "AA:BB")).hasValue(1);
    }

    @Test
    void distinctAddressesKeepEachTypeAtItsCapAndAKnownAddressIsStillLimited() {
        String known = "C0:FF:EE:00:00:01";
        for (EventType type : EventLimits.INTERVALS.keySet()) {
            assertThat(limits.admit(type, known)).hasValue(0);
            for (int i = 0; i < 100_000; i++) {
                limits.admit(type, "02:00:" + i);
                if (i % 100 == 0) {
                    assertThat(limits.admit(type, known)).as("%s is remembered while it keeps coming", type)
                            .isEmpty();
                }
            }
            assertThat(limits.size(type)).isEqualTo(EventLimits.MAX_KEYS);
        }
    }

    /** The intervals are the ones the MQTT contract promises (docs/mqtt-contract.md, events table). */
    @Test
    void intervalsAreTheDocumentedOnes() throws Exception {
        String contract = Files.readString(Path.of("docs/mqtt-contract.md"));
        assertThat(EventLimits.INTERVALS.get(EventType.DECODE_FAILED)).isEqualTo(Duration.ofMinutes(1));
        EventLimits.INTERVALS.forEach((type, interval) -> {
            Matcher row = Pattern.compile("(?m)^\\| `" + type.wire() + "` \\|(.*)$").matcher(contract);
            assertThat(row.find()).as("row of %s", type.wire()).isTrue();
            String promise = interval.equals(Duration.ofMinutes(1)) ? "at most once a minute"
                    : "at most once per " + interval.toMinutes() + " min";
            assertThat(row.group(1)).as(type.wire()).contains(promise).contains("`repeats`");
        });
    }
}
