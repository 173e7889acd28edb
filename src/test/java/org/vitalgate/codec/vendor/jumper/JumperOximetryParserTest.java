package org.vitalgate.codec.vendor.jumper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.StatusFlag;

class JumperOximetryParserTest {
    final JumperOximetryParser parser = new JumperOximetryParser();
    final JumperOximetryMapper mapper = new JumperOximetryMapper();

    @Test
    void decodesAResultFrameKeepingThePerfusionIndexRaw() {
        // result | PR 72 | SpO2 97 | PI raw 45
        assertThat(parser.parse(Bytes.fromHex("81 48 61 2D"))).isEqualTo(
                Decoded.ok(new JumperOximetrySample(OptionalInt.of(97), OptionalInt.of(72), 45)));
    }

    @Test
    void mapsSpo2AndPulseButNotThePerfusionIndex() {
        JumperOximetrySample s = ok(parser.parse(Bytes.fromHex("81 48 61 2D")));
        MappedReading m = ok(mapper.map("jumper.oximetry", s, Bytes.fromHex("81 48 61 2D")));
        assertThat(m.measurements()).extracting(x -> x.type()).containsExactly(MeasurementType.SPO2,
                MeasurementType.PULSE_RATE_OXIMETER);
        assertThat(m.measurements()).extracting(x -> x.quantity().toString()).containsExactly("97 %", "72 /min");
        assertThat(m.flags()).isEmpty();
        assertThat(m.deviceTime()).isEmpty();
    }

    @Test
    void invalidPulseOrSpo2MarkerGivesNoNumbers() {
        for (String hex : new String[] {"81 FF 61 05", "81 48 B1 05", "81 FF B1 05"}) {
            JumperOximetrySample s = ok(parser.parse(Bytes.fromHex(hex)));
            assertThat(s.spo2Percent()).as(hex).isEmpty();
            assertThat(s.pulseRateBpm()).as(hex).isEmpty();
            assertThat(s.valid()).isFalse();
            MappedReading m = ok(mapper.map("jumper.oximetry", s, Bytes.fromHex(hex)));
            assertThat(m.measurements()).as(hex).isEmpty();
            assertThat(m.flags()).containsExactly(StatusFlag.MEASUREMENT_UNAVAILABLE);
        }
    }

    @Test
    void wrongLengthResultFrameIsMalformedAtTheFirstMissingOrExtraOctet() {
        assertThat(parser.parse(Bytes.fromHex("81 48 61"))).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.reason()).contains("expected 4 octets in a 0x81 result frame, got 3");
            assertThat(m.offset()).isEqualTo(3);
        });
        assertThat(parser.parse(Bytes.fromHex("81 48 61 2D 00"))).isInstanceOfSatisfying(Decoded.Malformed.class,
                m -> assertThat(m.offset()).isEqualTo(4));
        assertThat(parser.parse(Bytes.empty())).isInstanceOfSatisfying(Decoded.Malformed.class,
                m -> assertThat(m.offset()).isZero());
    }

    @Test
    void otherFrameTypesAreUnsupportedNotMalformed() {
        for (String hex : new String[] {"80 48 61 2D", "82", "00 11 22 33 44 55"}) {
            assertThat(parser.parse(Bytes.fromHex(hex))).as(hex).isInstanceOfSatisfying(Decoded.Unsupported.class,
                    u -> assertThat(u.feature()).startsWith("Jumper frame type 0x" + hex.substring(0, 2)));
        }
    }

    @Test
    void spo2AboveHundredThatIsNoKnownMarkerIsMalformed() {
        for (String spo2 : new String[] {"65", "7F", "B0", "B2", "FF"}) {
            assertThat(parser.parse(Bytes.fromHex("81 48 " + spo2 + " 00"))).as(spo2)
                    .isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
                        assertThat(m.offset()).isEqualTo(2);
                        assertThat(m.reason()).contains("SpO2 " + Integer.parseInt(spo2, 16) + " % out of range");
                    });
        }
    }

    @Test
    void everyValidByteCombinationDecodesToTheSameNumbers() {
        for (int pr = 0; pr < 255; pr++) {
            for (int spo2 = 0; spo2 <= 100; spo2++) {
                JumperOximetrySample s = ok(parser.parse(Bytes.of(new byte[] {(byte) 0x81, (byte) pr, (byte) spo2,
                        (byte) 0xC8})));
                assertThat(s.pulseRateBpm()).hasValue(pr);
                assertThat(s.spo2Percent()).hasValue(spo2);
                assertThat(s.perfusionIndexRaw()).isEqualTo(200);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T ok(Decoded<T> d) {
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<T>) d).value();
    }
}
