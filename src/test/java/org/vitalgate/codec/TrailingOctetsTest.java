package org.vitalgate.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.MeasurementType;

/**
 * Octets beyond what the flags announce: rejected by default, or (profile quirk {@code trailingOctets: ignore})
 * left out of the decoding and kept raw beside the reading. Never anything else wrong let through.
 */
class TrailingOctetsTest {
    static final CodecRegistry CODECS = CodecRegistry.standard();
    /** flags 0x04 (mmHg, pulse) | sys 120 | dia 80 | MAP 93 | pulse 72: 9 octets. */
    static final Bytes BPM = Bytes.fromHex("04 7800 5000 5d00 4800");
    /** The same with two vendor octets appended, as some cuffs send. */
    static final Bytes BPM_WITH_TAIL = BPM.concat(Bytes.fromHex("a5 01"));

    static Codec<?> bpm() {
        return CODECS.byId("gatt.bps.measurement").orElseThrow();
    }

    @Test
    void rejectIsTheDefaultAndSaysWhy() {
        Decoded<MappedReading> d = bpm().decodeAndMap(BPM_WITH_TAIL);
        assertThat(d).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.reason()).startsWith("trailing octets").contains("need 9 octets, have 11");
            assertThat(m.offset()).isEqualTo(9);
        });
        assertThat(Lengths.isTrailing(d)).isTrue();
        assertThat(bpm().decodeAndMap(BPM_WITH_TAIL, TrailingOctets.REJECT)).isEqualTo(d);
        assertThat(new ReadingMapper(CODECS).map("gatt.bps.measurement", BPM_WITH_TAIL)).isEqualTo(d);
    }

    @Test
    void ignoreDecodesWhatTheFlagsAnnounceAndKeepsTheTailRaw() {
        Decoded<MappedReading> d = new ReadingMapper(CODECS).map("gatt.bps.measurement", BPM_WITH_TAIL,
                TrailingOctets.IGNORE);
        MappedReading exact = ((Decoded.Ok<MappedReading>) bpm().decodeAndMap(BPM)).value();
        assertThat(d).isInstanceOfSatisfying(Decoded.Ok.class, ok -> {
            MappedReading m = (MappedReading) ok.value();
            assertThat(m.trailingOctets()).isEqualTo(Bytes.fromHex("a5 01"));
            assertThat(m.measurements()).isEqualTo(exact.measurements());
            assertThat(m.measurements()).contains(
                    org.vitalgate.reading.Measurement.of(MeasurementType.BP_SYSTOLIC, "120", org.vitalgate.reading.Unit.MMHG));
        });
        // an exact value has no tail under either choice
        assertThat(((Decoded.Ok<MappedReading>) bpm().decodeAndMap(BPM, TrailingOctets.IGNORE)).value())
                .isEqualTo(exact);
        assertThat(exact.trailingOctets().isEmpty()).isTrue();
    }

    @Test
    void ignoreLetsNothingElseThrough() {
        // pulse flag set but the pulse field missing: short, malformed under either choice
        Bytes shortValue = Bytes.fromHex("04 7800 5000 5d00");
        assertThat(bpm().decodeAndMap(shortValue, TrailingOctets.IGNORE)).isInstanceOfSatisfying(
                Decoded.Malformed.class, m -> assertThat(m.reason()).startsWith("short value"));
        // a fixed-size characteristic with an extra octet: the first 7 octets decode, the tail is left out
        Codec<?> dateTime = CODECS.byId("gatt.common.datetime").orElseThrow();
        Bytes dt = Bytes.fromHex("ea07 0b 1b 08 0f 00");
        assertThat(dateTime.decode(dt.concat(Bytes.fromHex("ff")), TrailingOctets.REJECT).isOk()).isFalse();
        assertThat(dateTime.decode(dt.concat(Bytes.fromHex("ff")), TrailingOctets.IGNORE))
                .isEqualTo(dateTime.decode(dt, TrailingOctets.REJECT));
        // a wrong value before the tail stays wrong: month 13
        Bytes badMonth = Bytes.fromHex("ea07 0d 1b 08 0f 00 ff");
        assertThat(dateTime.decode(badMonth, TrailingOctets.IGNORE).isOk()).isFalse();
    }
}
