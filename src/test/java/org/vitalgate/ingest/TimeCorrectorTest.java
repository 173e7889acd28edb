package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.TimeFlag;

class TimeCorrectorTest {
    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final String CUFF = "00:5F:BF:00:00:01";
    private static final Instant NOW = Instant.parse("2026-11-27T14:00:00Z");   // 08:00 in Chicago

    @Test
    void aClockReadOnThisConnectionCorrectsTheDeviceTime() {
        TimeCorrector times = new TimeCorrector(ZONE);
        // the device clock runs 7 minutes fast
        times.clockRead(CUFF, 3, LocalDateTime.parse("2026-11-27T08:07:00"), NOW.plusMillis(400), false);
        TimeChain t = times.chain(CUFF, 3, Optional.of(LocalDateTime.parse("2026-11-27T07:57:00")),
                NOW.plusSeconds(30), false, HubClock.SYNCHRONIZED);
        assertThat(t.correction()).isEqualTo(TimeCorrection.DEVICE_CLOCK_OFFSET);
        assertThat(t.deviceClockOffset()).as("whole-second clock: hub time floored").hasValue(Duration.ofMinutes(7));
        assertThat(t.measuredAt()).isEqualTo(Instant.parse("2026-11-27T13:50:00Z"));
        assertThat(t.deviceTime()).hasValue(LocalDateTime.parse("2026-11-27T07:57:00"));
        assertThat(t.hubClock()).isEqualTo(HubClock.SYNCHRONIZED);
        assertThat(t.flags()).isEmpty();
    }

    @Test
    void aClockLearnedOnAnotherConnectionIsNotApplied() {
        TimeCorrector times = new TimeCorrector(ZONE);
        times.clockRead(CUFF, 3, LocalDateTime.parse("2026-11-27T08:07:00"), NOW, false);
        // the next connection, a minute later, learns nothing: its readings keep their reported time
        TimeChain t = times.chain(CUFF, 4, Optional.of(LocalDateTime.parse("2026-11-27T07:57:00")),
                NOW.plusSeconds(60), false, HubClock.SYNCHRONIZED);
        assertThat(t.correction()).isEqualTo(TimeCorrection.DEVICE_LOCAL_UNCORRECTED);
        assertThat(t.correction().wire()).isEqualTo("device-local-uncorrected");
        assertThat(t.deviceClockOffset()).isEmpty();
        assertThat(t.measuredAt()).isEqualTo(Instant.parse("2026-11-27T13:57:00Z"));
    }

    @Test
    void aClockTheHubJustWroteHasOffsetZero() {
        TimeCorrector times = new TimeCorrector(ZONE);
        times.clockSet(CUFF, 9, NOW);
        TimeChain t = times.chain(CUFF, 9, Optional.of(LocalDateTime.parse("2026-11-27T07:59:30")),
                NOW.plusSeconds(5), false, HubClock.SYNCHRONIZED);
        assertThat(t.correction()).isEqualTo(TimeCorrection.DEVICE_CLOCK_OFFSET);
        assertThat(t.deviceClockOffset()).hasValue(Duration.ZERO);
        assertThat(t.measuredAt()).isEqualTo(Instant.parse("2026-11-27T13:59:30Z"));
    }

    @Test
    void anOldClockReadIsNotTrustedEvenOnTheSameConnection() {
        TimeCorrector times = new TimeCorrector(ZONE);
        times.clockRead(CUFF, 0, LocalDateTime.parse("2026-11-27T08:07:00"), NOW, false);
        Instant nextWeek = NOW.plus(Duration.ofDays(7));
        TimeChain t = times.chain(CUFF, 0, Optional.of(LocalDateTime.parse("2026-12-04T07:57:00")), nextWeek, false,
                HubClock.NOT_SYNCHRONIZED);
        assertThat(t.correction()).isEqualTo(TimeCorrection.DEVICE_LOCAL_UNCORRECTED);
        assertThat(t.deviceClockOffset()).isEmpty();
        assertThat(t.measuredAt()).isEqualTo(Instant.parse("2026-12-04T13:57:00Z"));
        assertThat(t.hubClock()).isEqualTo(HubClock.NOT_SYNCHRONIZED);
    }

    @Test
    void aMeasurementAfterItsReceiptIsFlaggedCorrectedOrNot() {
        TimeCorrector times = new TimeCorrector(ZONE);
        // uncorrected: the device clock runs 4 minutes fast and nothing told the hub
        TimeChain fast = times.chain(CUFF, 1, Optional.of(LocalDateTime.parse("2026-11-27T08:04:00")), NOW, false,
                HubClock.SYNCHRONIZED);
        assertThat(fast.flags()).containsExactly(TimeFlag.MEASURED_AFTER_RECEIVED);
        assertThat(fast.measuredAt()).as("kept as derived, not replaced").isEqualTo(NOW.plusSeconds(240));
        // corrected with a wrong offset (the clock was changed after it was read): still flagged
        times.clockRead(CUFF, 2, LocalDateTime.parse("2026-11-27T07:00:00"), NOW, false);
        TimeChain wrong = times.chain(CUFF, 2, Optional.of(LocalDateTime.parse("2026-11-27T08:00:00")),
                NOW.plusSeconds(10), false, HubClock.SYNCHRONIZED);
        assertThat(wrong.correction()).isEqualTo(TimeCorrection.DEVICE_CLOCK_OFFSET);
        assertThat(wrong.flags()).containsExactly(TimeFlag.MEASURED_AFTER_RECEIVED);
        // within the tolerance of whole-second clocks: not flagged
        TimeChain close = times.chain(CUFF, 1, Optional.of(LocalDateTime.parse("2026-11-27T08:00:02")), NOW, false,
                HubClock.SYNCHRONIZED);
        assertThat(close.flags()).isEmpty();
    }

    @Test
    void aLocalTimeInTheRepeatedHourIsFlaggedAmbiguous() {
        TimeCorrector times = new TimeCorrector(ZONE);
        // 2026-11-01: Chicago falls back from 02:00 CDT to 01:00 CST; 01:30 happens twice
        Instant received = Instant.parse("2026-11-01T09:00:00Z");
        TimeChain folded = times.chain(CUFF, 1, Optional.of(LocalDateTime.parse("2026-11-01T01:30:00")), received,
                false, HubClock.SYNCHRONIZED);
        assertThat(folded.flags()).containsExactly(TimeFlag.AMBIGUOUS_LOCAL_TIME);
        assertThat(folded.measuredAt()).as("the earlier instant (CDT)").isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
        // corrected by an offset into the repeated hour: ambiguous too
        times.clockRead(CUFF, 2, LocalDateTime.parse("2026-11-01T04:00:00"), received, false); // 03:00 CST: 1 h fast
        TimeChain corrected = times.chain(CUFF, 2, Optional.of(LocalDateTime.parse("2026-11-01T02:45:00")),
                received.plusSeconds(1), false, HubClock.SYNCHRONIZED);
        assertThat(corrected.flags()).containsExactly(TimeFlag.AMBIGUOUS_LOCAL_TIME);
        // an hour later, and a UTC device clock, are not ambiguous
        assertThat(times.chain(CUFF, 1, Optional.of(LocalDateTime.parse("2026-11-01T02:30:00")), received, false,
                HubClock.SYNCHRONIZED).flags()).isEmpty();
        assertThat(times.chain(CUFF, 1, Optional.of(LocalDateTime.parse("2026-11-01T01:30:00")), received, true,
                HubClock.SYNCHRONIZED).flags()).isEmpty();
    }

    @Test
    void utcDevicesAndReadingsWithoutATimeStamp() {
        TimeCorrector times = new TimeCorrector(ZONE);
        TimeChain utc = times.chain(CUFF, 1, Optional.of(LocalDateTime.parse("2026-11-27T13:50:00")), NOW, true,
                HubClock.UNKNOWN);
        assertThat(utc.correction()).isEqualTo(TimeCorrection.DEVICE_UTC_UNCORRECTED);
        assertThat(utc.measuredAt()).isEqualTo(Instant.parse("2026-11-27T13:50:00Z"));
        TimeChain none = times.chain(CUFF, 1, Optional.empty(), NOW, false, HubClock.SYNCHRONIZED);
        assertThat(none.correction()).isEqualTo(TimeCorrection.HUB_RECEIVE_TIME);
        assertThat(none.measuredAt()).isEqualTo(NOW);
    }
}
