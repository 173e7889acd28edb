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

class TimeCorrectorTest {
    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final String CUFF = "00:5F:BF:00:00:01";
    private static final Instant NOW = Instant.parse("2026-11-27T14:00:00Z");   // 08:00 in Chicago

    @Test
    void aClockReadOnThisConnectionCorrectsTheDeviceTime() {
        TimeCorrector times = new TimeCorrector(ZONE);
        // the device clock runs 7 minutes fast
        times.clockRead(CUFF, LocalDateTime.parse("2026-11-27T08:07:00"), NOW, false);
        TimeChain t = times.chain(CUFF, Optional.of(LocalDateTime.parse("2026-11-27T07:57:00")), NOW.plusSeconds(30),
                false, HubClock.SYNCHRONIZED);
        assertThat(t.correction()).isEqualTo(TimeCorrection.DEVICE_CLOCK_OFFSET);
        assertThat(t.deviceClockOffset()).hasValue(Duration.ofMinutes(7));
        assertThat(t.measuredAt()).isEqualTo(Instant.parse("2026-11-27T13:50:00Z"));
        assertThat(t.deviceTime()).hasValue(LocalDateTime.parse("2026-11-27T07:57:00"));
        assertThat(t.hubClock()).isEqualTo(HubClock.SYNCHRONIZED);
    }

    @Test
    void anOldClockReadIsNotTrusted() {
        TimeCorrector times = new TimeCorrector(ZONE);
        times.clockRead(CUFF, LocalDateTime.parse("2026-11-27T08:07:00"), NOW, false);
        Instant nextWeek = NOW.plus(Duration.ofDays(7));
        TimeChain t = times.chain(CUFF, Optional.of(LocalDateTime.parse("2026-12-04T07:57:00")), nextWeek, false,
                HubClock.NOT_SYNCHRONIZED);
        assertThat(t.correction()).isEqualTo(TimeCorrection.DEVICE_LOCAL);
        assertThat(t.deviceClockOffset()).isEmpty();
        assertThat(t.measuredAt()).isEqualTo(Instant.parse("2026-12-04T13:57:00Z"));
        assertThat(t.hubClock()).isEqualTo(HubClock.NOT_SYNCHRONIZED);
    }

    @Test
    void utcDevicesAndReadingsWithoutATimeStamp() {
        TimeCorrector times = new TimeCorrector(ZONE);
        TimeChain utc = times.chain(CUFF, Optional.of(LocalDateTime.parse("2026-11-27T13:50:00")), NOW, true,
                HubClock.UNKNOWN);
        assertThat(utc.correction()).isEqualTo(TimeCorrection.DEVICE_UTC);
        assertThat(utc.measuredAt()).isEqualTo(Instant.parse("2026-11-27T13:50:00Z"));
        TimeChain none = times.chain(CUFF, Optional.empty(), NOW, false, HubClock.SYNCHRONIZED);
        assertThat(none.correction()).isEqualTo(TimeCorrection.HUB_RECEIVE_TIME);
        assertThat(none.measuredAt()).isEqualTo(NOW);
    }
}
