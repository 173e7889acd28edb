package org.vitalgate.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeChainTest {
    private static final Instant RX = Instant.parse("2026-11-27T14:00:00Z");
    private static final Optional<LocalDateTime> DEVICE = Optional.of(LocalDateTime.parse("2026-11-27T08:00:00"));

    @Test
    void aMeasurementAfterItsReceiptBeyondTheToleranceIsAlwaysFlagged() {
        TimeChain future = new TimeChain(DEVICE, RX.plus(TimeChain.FUTURE_TOLERANCE).plusMillis(1),
                TimeCorrection.DEVICE_UTC_UNCORRECTED, Optional.empty(), RX, HubClock.SYNCHRONIZED);
        assertThat(future.flags()).containsExactly(TimeFlag.MEASURED_AFTER_RECEIVED);
        TimeChain edge = new TimeChain(DEVICE, RX.plus(TimeChain.FUTURE_TOLERANCE),
                TimeCorrection.DEVICE_UTC_UNCORRECTED, Optional.empty(), RX, HubClock.SYNCHRONIZED);
        assertThat(edge.flags()).isEmpty();
        TimeChain kept = new TimeChain(DEVICE, RX.plusSeconds(60), TimeCorrection.DEVICE_CLOCK_OFFSET,
                Optional.of(Duration.ZERO), RX, HubClock.SYNCHRONIZED, Set.of(TimeFlag.AMBIGUOUS_LOCAL_TIME));
        assertThat(kept.flags()).containsExactlyInAnyOrder(TimeFlag.AMBIGUOUS_LOCAL_TIME,
                TimeFlag.MEASURED_AFTER_RECEIVED);
        assertThat(kept).isEqualTo(new TimeChain(DEVICE, RX.plusSeconds(60), TimeCorrection.DEVICE_CLOCK_OFFSET,
                Optional.of(Duration.ZERO), RX, HubClock.SYNCHRONIZED, kept.flags()));
    }

    @Test
    void anOffsetGoesWithTheOffsetCorrectionOnly() {
        assertThatThrownBy(() -> new TimeChain(DEVICE, RX, TimeCorrection.DEVICE_CLOCK_OFFSET, Optional.empty(), RX,
                HubClock.SYNCHRONIZED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeChain(DEVICE, RX, TimeCorrection.DEVICE_LOCAL_UNCORRECTED,
                Optional.of(Duration.ZERO), RX, HubClock.SYNCHRONIZED)).isInstanceOf(IllegalArgumentException.class);
    }
}
