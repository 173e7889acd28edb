package org.vitalgate.uplink.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;
import org.vitalgate.reading.TimeFlag;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.testing.PayloadSchemas.Kind;
import org.vitalgate.testing.WireReadings;

/** Any reading the model allows either encodes to schema-valid JSON that parses back to it, or is refused. */
class JsonV1PropertiesTest {
    private final JsonV1 v1 = new JsonV1("hub-1");

    @Property(tries = 300)
    void encodedReadingsValidateAndRoundTrip(@ForAll("readings") Reading r, @ForAll("instants") Instant published) {
        byte[] stored;
        try {
            stored = v1.encode(r);
        } catch (PayloadTooLargeException e) {
            assertThat(e.size()).isGreaterThan(JsonV1.MAX_PAYLOAD_BYTES);
            return;
        }
        byte[] sent = JsonV1.stampPublished(stored, published);
        assertThat(sent.length).isLessThanOrEqualTo(JsonV1.MAX_PAYLOAD_BYTES);
        PayloadSchemas.assertValid(Kind.READING, sent);
        WireReadings.Received back = WireReadings.parse(sent);
        assertThat(back.reading()).isEqualTo(r);
        assertThat(back.publishedAt()).contains(published.truncatedTo(ChronoUnit.MILLIS));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 253_402_300_799_999L).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<Reading> readings() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(64)
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c))); // lone surrogates are refused
        Arbitrary<DeviceIdentity> device = Combinators.combine(Arbitraries.of(Transport.class),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128), text, text,
                text.optional(), text.optional(),
                Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(63).map(s -> "p" + s))
                .as(DeviceIdentity::new);
        Arbitrary<List<Measurement>> measurements = measurement().list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<Set<StatusFlag>> flags = Arbitraries.of(StatusFlag.class).set().ofMaxSize(StatusFlag.values().length);
        Arbitrary<TimeChain> time = Combinators.combine(instants(), instants(), Arbitraries.of(TimeCorrection.class),
                Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L).optional(),
                Arbitraries.longs().between(0, 253_402_300_799L),
                Arbitraries.of(TimeFlag.class).set()).as((measured, received, correction, offset, devSec, timeFlags) -> {
                    if (correction == TimeCorrection.HUB_RECEIVE_TIME) {
                        return TimeChain.receivedOnly(received, HubClock.SYNCHRONIZED);
                    }
                    LocalDateTime dt = LocalDateTime.ofEpochSecond(devSec, 0, java.time.ZoneOffset.UTC);
                    Optional<Duration> clockOffset = correction == TimeCorrection.DEVICE_CLOCK_OFFSET
                            ? Optional.of(Duration.ofMillis(offset.orElse(0L))) : Optional.empty();
                    return new TimeChain(Optional.of(dt), measured, correction, clockOffset, received,
                            HubClock.UNKNOWN, timeFlags);
                });
        Arbitrary<String> ulid = Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(25)
                .map(s -> "0" + s);
        return Combinators.combine(ulid, device,
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(128),
                Arbitraries.integers().between(0, 255).optional(),
                Arbitraries.longs().greaterOrEqual(0).optional(), time, measurements, flags)
                .as((id, d, patient, slot, record, t, ms, fs) -> new ReadingDraft(new ReadingId(id),
                        "d1-00112233445566778899aabbccddeeff", d, patient,
                        slot.map(OptionalInt::of).orElse(OptionalInt.empty()),
                        record.map(OptionalLong::of).orElse(OptionalLong.empty()), t, ms, fs, Origin.SENSED))
                .flatMap(draft -> Arbitraries.longs().between(1, Long.MAX_VALUE).map(draft::committed));
    }

    private Arbitrary<Measurement> measurement() {
        return Combinators.combine(Arbitraries.of(MeasurementType.class), Arbitraries.integers().between(0, 10),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000_000L), BigInteger.valueOf(1_000_000_000_000L)),
                Arbitraries.integers().between(0, 8), Arbitraries.of(Quantity.SpecialValue.class))
                .as((type, pick, unscaled, scale, special) -> {
                    List<Unit> units = new ArrayList<>(type.units());
                    units.sort(null);
                    Unit unit = units.get(pick % units.size());
                    Quantity q = pick == 0 ? Quantity.special(special, unit)
                            : Quantity.of(new BigDecimal(unscaled, scale), unit);
                    return new Measurement(type, q);
                });
    }
}
