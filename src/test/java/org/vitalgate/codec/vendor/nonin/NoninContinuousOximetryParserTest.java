package org.vitalgate.codec.vendor.nonin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

class NoninContinuousOximetryParserTest {
    final NoninContinuousOximetryParser parser = new NoninContinuousOximetryParser();

    @Test
    void decodesABigEndianSample() {
        // len 10 | status SmartPoint+CorrectCheck+encrypted | 2.9 V | PAI 1.23 % | counter 300 s | SpO2 97 | PR 72
        Decoded<NoninOximetrySample> d = parser.parse(Bytes.fromHex("0A 54 1D 00 7B 01 2C 61 00 48"));
        assertThat(d).isEqualTo(Decoded.ok(new NoninOximetrySample(OptionalInt.of(97), OptionalInt.of(72), 123,
                300, 29, new NoninOximetrySample.Status(false, true, false, true, false, true))));
    }

    @Test
    void pulseRateUsesBothBytes() {
        Decoded<NoninOximetrySample> d = parser.parse(Bytes.fromHex("0A 00 1E 00 00 00 01 5F 01 05"));
        assertThat(((Decoded.Ok<NoninOximetrySample>) d).value().pulseRateBpm()).hasValue(261);
    }

    @Test
    void missingMarkersBecomeEmptyNotNumbers() {
        // searching + weak signal, SpO2 127 and PR 511 mean "missing"
        Decoded<NoninOximetrySample> d = parser.parse(Bytes.fromHex("0A 0A 1E 00 00 00 02 7F 01 FF"));
        NoninOximetrySample s = ((Decoded.Ok<NoninOximetrySample>) d).value();
        assertThat(s.spo2Percent()).isEmpty();
        assertThat(s.pulseRateBpm()).isEmpty();
        assertThat(s.status().searching()).isTrue();
        assertThat(s.status().weakSignal()).isTrue();
    }

    @Test
    void wrongLengthOrLengthFieldIsMalformed() {
        assertThat(parser.parse(Bytes.fromHex("0A 54 1D 00 7B 01 2C 61 00"))).isInstanceOfSatisfying(
                Decoded.Malformed.class, m -> assertThat(m.reason()).contains("expected 10 octets, got 9"));
        assertThat(parser.parse(Bytes.fromHex("0B 54 1D 00 7B 01 2C 61 00 48"))).isInstanceOfSatisfying(
                Decoded.Malformed.class, m -> assertThat(m.reason()).contains("length field 11"));
        assertThat(parser.parse(Bytes.empty())).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void outOfRangeValuesAreMalformedWithTheirOffset() {
        assertThat(parser.parse(Bytes.fromHex("0A 00 1E 00 00 00 01 65 00 48"))).isInstanceOfSatisfying(
                Decoded.Malformed.class, m -> assertThat(m.offset()).isEqualTo(7));
        assertThat(parser.parse(Bytes.fromHex("0A 00 1E 00 00 00 01 61 02 00"))).isInstanceOfSatisfying(
                Decoded.Malformed.class, m -> assertThat(m.offset()).isEqualTo(8));
    }
}
