package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.ble.SessionTarget;

/** The bytes BLE sessions write, encoded by codec code (moved here from the transport). */
class SessionValuesTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static DeviceProfile profile(String setClock, boolean utc) throws Exception {
        String yaml = """
                schema: 1
                id: test-clock
                manufacturer: T
                model: M
                transport: ble
                match: {serviceUuids: [0x1810]}
                bonding: none
                onConnect:
                  - setClock: {uuid: 0x2A08, format: %s}
                characteristics:
                  - {uuid: 0x2A08, mode: write}
                quirks:
                  deviceTimeIsUtc: %s
                """.formatted(setClock, utc);
        return new ProfileLoader(java.util.Set.copyOf(CodecRegistry.standard().codecs().stream()
                .map(c -> c.id()).toList())).parse("t.yaml", yaml);
    }

    @Test
    void dateTimeIsTheDevicesWallClockLocalOrUtc() throws Exception {
        ZonedDateTime now = ZonedDateTime.of(2018, 4, 17, 15, 51, 0, 0, BERLIN); // 13:51 UTC (DST)
        assertThat(SessionValues.clockValue(profile("date-time", false)).apply(now))
                .isEqualTo(Bytes.fromHex("E2 07 04 11 0F 33 00"));
        assertThat(SessionValues.clockValue(profile("date-time", true)).apply(now))
                .isEqualTo(Bytes.fromHex("E2 07 04 11 0D 33 00"));
    }

    @Test
    void currentTimeCarriesDayOfWeekFractionAndManualAdjust() throws Exception {
        // 2025-01-15 14:30:45 Wednesday, fraction 33/256, manual update
        ZonedDateTime t = ZonedDateTime.of(2025, 1, 15, 14, 30, 45, (int) (33 / 256.0 * 1e9) + 1, BERLIN);
        assertThat(SessionValues.clockValue(profile("current-time", false)).apply(t))
                .isEqualTo(Bytes.fromHex("E9 07 01 0F 0E 1E 2D 03 21 01"));
        // Sunday is 7, never 0 (0 would mean "unknown")
        assertThat(SessionValues.clockValue(profile("current-time", false))
                .apply(ZonedDateTime.of(2026, 11, 29, 0, 0, 0, 0, BERLIN)).u8(7)).isEqualTo(7);
    }

    @Test
    void contourClockIsUtcPlusTheOffsetIncludingDst() {
        ZonedDateTime summer = ZonedDateTime.of(2026, 7, 1, 10, 0, 0, 0, BERLIN);
        assertThat(SessionValues.contour(summer)).isEqualTo(Bytes.fromHex("01 EA 07 07 01 08 00 00 78 00"));
        ZonedDateTime ny = ZonedDateTime.of(2026, 1, 1, 3, 0, 0, 0, ZoneId.of("America/New_York"));
        assertThat(SessionValues.contour(ny)).isEqualTo(Bytes.fromHex("01 EA 07 01 01 08 00 00 D4 FE"));
    }

    @Test
    void racpAsksForRecordsAfterTheCommittedOneAndRecognisesTheEnd() {
        assertThat(SessionValues.racpRequest(OptionalLong.empty())).isEqualTo(Bytes.fromHex("01 01"));
        assertThat(SessionValues.racpRequest(OptionalLong.of(0))).isEqualTo(Bytes.fromHex("01 03 01 01 00"));
        assertThat(SessionValues.racpRequest(OptionalLong.of(0x01FF))).isEqualTo(Bytes.fromHex("01 03 01 00 02"));
        assertThat(SessionValues.racpRequest(OptionalLong.of(0xFFFF))).isEqualTo(Bytes.fromHex("01 01"));
        assertThat(SessionValues.racpEnd(Bytes.fromHex("06 00 01 01"))).hasValueSatisfying(e -> assertThat(e.ok()).isTrue());
        assertThat(SessionValues.racpEnd(Bytes.fromHex("06 00 01 06"))).hasValueSatisfying(e -> assertThat(e.ok()).isTrue());
        assertThat(SessionValues.racpEnd(Bytes.fromHex("06 00 01 09"))).hasValueSatisfying(e -> {
            assertThat(e.ok()).isFalse();
            assertThat(e.description()).contains("OPERAND_NOT_SUPPORTED");
        });
        assertThat(SessionValues.racpEnd(Bytes.fromHex("05 00 03 00"))).isEmpty();
        assertThat(SessionValues.racpEnd(Bytes.fromHex("06 00 04 01"))).isEmpty();
        assertThat(SessionValues.racpEnd(Bytes.fromHex("06"))).isEmpty();
    }
}
