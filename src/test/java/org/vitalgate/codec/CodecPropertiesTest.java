package org.vitalgate.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.codec.gatt.bcs.BodyCompositionAssembler;
import org.vitalgate.codec.gatt.cts.CurrentTime;
import org.vitalgate.codec.gatt.cts.CurrentTimeParser;
import org.vitalgate.codec.gatt.cts.DateTimeParser;
import org.vitalgate.codec.gatt.gls.RacpMessage;
import org.vitalgate.codec.gatt.gls.RecordAccessControlPoint;
import org.vitalgate.codec.gatt.gls.RecordAccessControlPointParser;
import org.vitalgate.reading.Bytes;

/** Properties of every registered codec: no exception on any input; encodable values round-trip. */
class CodecPropertiesTest {
    private static final CodecRegistry REGISTRY = CodecRegistry.standard();

    @Provide
    Arbitrary<String> codecIds() {
        return Arbitraries.of(REGISTRY.codecs().stream().map(Codec::id).toList());
    }

    @Provide
    Arbitrary<byte[]> values() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(64);
    }

    @Property(tries = 5000)
    void decodeAndMapNeverThrow(@ForAll("codecIds") String id, @ForAll("values") byte[] value) {
        Codec<?> codec = REGISTRY.byId(id).orElseThrow();
        Bytes b = Bytes.of(value);
        assertThat(codec.decode(b)).isNotNull();
        assertThat(codec.decodeAndMap(b)).isNotNull();
    }

    /** Every length 0..64 for every codec, 200 random values each, with the flags byte biased to small values. */
    @Example
    void everyLengthForEveryCodec() {
        Random random = new Random(42);
        for (Codec<?> codec : REGISTRY.codecs()) {
            for (int length = 0; length <= 64; length++) {
                for (int i = 0; i < 200; i++) {
                    byte[] v = new byte[length];
                    random.nextBytes(v);
                    if (length > 0 && i % 2 == 0) {
                        v[0] &= 0x1F;
                    }
                    Bytes b = Bytes.of(v);
                    Decoded<?> d = codec.decode(b);
                    assertThat(d).isNotNull();
                    assertThat(codec.decodeAndMap(b)).isNotNull();
                    if (d instanceof Decoded.Malformed<?> m) {
                        assertThat(m.offset()).isBetween(0, length);
                        assertThat(m.raw()).isEqualTo(b);
                    }
                }
            }
        }
    }

    @Property(tries = 2000)
    void bodyCompositionAssemblerNeverThrows(@ForAll("packetStreams") List<byte[]> packets) {
        BodyCompositionAssembler a = new BodyCompositionAssembler();
        for (byte[] p : packets) {
            assertThat(a.push(Bytes.of(p))).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(a.flush()).hasSizeLessThanOrEqualTo(1);
        assertThat(a.pending()).isFalse();
    }

    @Provide
    Arbitrary<List<byte[]>> packetStreams() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(32).list().ofMaxSize(6);
    }

    @Property
    void sfloatWordsRoundTrip(@ForAll @IntRange(min = 0, max = 0xFFFF) int word) {
        MderFloat f = SFloat.decode(word);
        if (f instanceof MderFloat.Finite fin) {
            assertThat(SFloat.encode(fin.value())).hasValue(word);
        } else {
            assertThat(SFloat.encode(((MderFloat.Special) f).kind())).isEqualTo(word);
        }
    }

    @Example
    void everySfloatWordRoundTrips() {
        for (int word = 0; word <= 0xFFFF; word++) {
            MderFloat f = SFloat.decode(word);
            int back = f instanceof MderFloat.Finite fin ? SFloat.encode(fin.value()).orElseThrow()
                    : SFloat.encode(((MderFloat.Special) f).kind());
            assertThat(back).as("word %04x", word).isEqualTo(word);
        }
    }

    @Property
    void sfloatValuesRoundTripWithTheirPrecision(@ForAll @IntRange(min = -2045, max = 2045) int mantissa,
                                                  @ForAll @IntRange(min = -8, max = 7) int exponent) {
        BigDecimal v = new BigDecimal(BigInteger.valueOf(mantissa), -exponent);
        OptionalInt word = SFloat.encode(v);
        assertThat(word).isPresent();
        MderFloat back = SFloat.decode(word.getAsInt());
        assertThat(((MderFloat.Finite) back).value()).isEqualTo(v); // equals() compares scale too
    }

    @Property
    void float32ValuesRoundTrip(@ForAll @IntRange(min = -8388605, max = 8388605) int mantissa,
                                @ForAll @IntRange(min = -128, max = 127) int exponent) {
        BigDecimal v = new BigDecimal(BigInteger.valueOf(mantissa), -exponent);
        long word = Float32.encode(v).orElseThrow();
        assertThat(((MderFloat.Finite) Float32.decode(word)).value()).isEqualTo(v);
    }

    @Provide
    Arbitrary<LocalDateTime> deviceTimes() {
        return Combinators.combine(Arbitraries.integers().between(1582, 9999), Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 23),
                        Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 59))
                .as(LocalDateTime::of);
    }

    @Property
    void dateTimeRoundTrips(@ForAll("deviceTimes") LocalDateTime t) {
        Bytes wire = DateTimeParser.encode(GattDateTime.of(t));
        assertThat(wire.size()).isEqualTo(7);
        Decoded<GattDateTime> back = new DateTimeParser().parse(wire);
        assertThat(((Decoded.Ok<GattDateTime>) back).value().localDateTime()).hasValue(t);
    }

    @Property
    void currentTimeRoundTrips(@ForAll("deviceTimes") LocalDateTime t, @ForAll @IntRange(max = 255) int fraction,
                               @ForAll @IntRange(max = 15) int reasons) {
        Set<CurrentTime.AdjustReason> set = EnumSet.noneOf(CurrentTime.AdjustReason.class);
        for (CurrentTime.AdjustReason r : CurrentTime.AdjustReason.values()) {
            if ((reasons >> r.bit() & 1) != 0) {
                set.add(r);
            }
        }
        CurrentTime ct = CurrentTime.of(t.withNano(fraction * 3_906_250), set);
        Bytes wire = ct.encode();
        Decoded<CurrentTime> back = new CurrentTimeParser().parse(wire);
        assertThat(back).isEqualTo(Decoded.ok(ct));
        assertThat(((Decoded.Ok<CurrentTime>) back).value().encode()).isEqualTo(wire);
        assertThat(ct.dayOfWeek()).hasValue(t.getDayOfWeek());
        assertThat(ct.localDateTime()).hasValue(t.withNano(fraction * 3_906_250));
    }

    @Property
    void racpRequestsRoundTrip(@ForAll @IntRange(max = 0xFFFF) int sequence) {
        for (RacpMessage.Request r : List.of(RecordAccessControlPoint.reportRecordsFrom(sequence),
                RecordAccessControlPoint.reportNumberOfRecordsFrom(sequence), RecordAccessControlPoint.reportAllRecords(),
                RecordAccessControlPoint.reportNumberOfAllRecords(), RecordAccessControlPoint.abort())) {
            Bytes wire = r.encode();
            Decoded<RacpMessage> back = new RecordAccessControlPointParser().parse(wire);
            assertThat(back).isEqualTo(Decoded.ok(r));
        }
    }

    @Property
    void racpResponsesRoundTrip(@ForAll @IntRange(max = 0xFFFF) int count, @ForAll @IntRange(max = 255) int op,
                                @ForAll @IntRange(max = 255) int code) {
        RacpMessage n = new RacpMessage.NumberOfStoredRecords(count);
        RacpMessage r = new RacpMessage.Response(op, code, RacpMessage.ResponseCode.of(code));
        RecordAccessControlPointParser p = new RecordAccessControlPointParser();
        assertThat(p.parse(n.encode())).isEqualTo(Decoded.ok(n));
        assertThat(p.parse(r.encode())).isEqualTo(Decoded.ok(r));
    }
}
