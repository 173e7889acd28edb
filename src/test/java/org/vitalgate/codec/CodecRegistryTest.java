package org.vitalgate.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.gatt.bcs.BodyCompositionAssembler;
import org.vitalgate.codec.gatt.bcs.BodyCompositionMapper;
import org.vitalgate.codec.gatt.bcs.BodyCompositionMeasurement;
import org.vitalgate.codec.gatt.bps.BloodPressureFeatureParser;
import org.vitalgate.codec.gatt.cts.TimeZone;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.Unit;

class CodecRegistryTest {
    private final CodecRegistry registry = CodecRegistry.standard();

    @Test
    void looksUpEveryUuidSpelling() {
        for (String u : List.of("2A35", "2a35", "0x2A35", "0X2a35", "00002a35-0000-1000-8000-00805f9b34fb",
                "00002A35-0000-1000-8000-00805F9B34FB", " 2A35 ")) {
            assertThat(registry.byUuid(u)).as(u).map(Codec::id).hasValue("gatt.bps.measurement");
        }
        assertThat(registry.byUuid("2AFF")).isEmpty();
        assertThat(registry.byUuid("233bf001-5a34-1b6d-975c-000d5690abe4")).isEmpty(); // vendor UUID
        assertThat(registry.byUuid("zz35")).isEmpty();
        assertThat(registry.byUuid("")).isEmpty();
    }

    @Test
    void idsAndUuidsAreUniqueAndConsistent() {
        Set<String> ids = new HashSet<>();
        Set<Integer> uuids = new HashSet<>();
        Set<String> uuid128s = new HashSet<>();
        for (Codec<?> c : registry.codecs()) {
            assertThat(ids.add(c.id())).isTrue();
            assertThat(uuid128s.add(c.uuid128())).as(c.id()).isTrue();
            if (c.uuid16() >= 0) { // vendor codecs have no 16-bit UUID (-1)
                assertThat(uuids.add(c.uuid16())).as(c.id()).isTrue();
            }
            assertThat(registry.byUuid(c.uuid128())).hasValue(c);
            assertThat(registry.byId(c.id())).hasValue(c);
        }
        assertThat(registry.codecs()).hasSize(34); // 32 SIG characteristics + Nonin and Jumper oximetry
        assertThat(registry.codecs().stream().filter(Codec::isMeasurement).map(Codec::id)).containsExactlyInAnyOrder(
                "gatt.bps.measurement", "gatt.gls.measurement", "gatt.hts.measurement", "gatt.wss.measurement",
                "gatt.bcs.measurement", "gatt.plxs.spot-check", "gatt.plxs.continuous", "nonin.oximetry",
                "jumper.oximetry");
        assertThat(registry.byUuid("0AAD7EA0-0D60-11E2-8E3C-0002A5D5C51B")).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo("nonin.oximetry");
            assertThat(c.uuid16()).isEqualTo(-1);
        });
        assertThat(registry.byUuid("CDEACB81-5235-4C07-8846-93A37EE6B86D")).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo("jumper.oximetry");
            assertThat(c.uuid16()).isEqualTo(-1);
            assertThat(c.isMeasurement()).isTrue();
        });
        // the service UUID is not a characteristic
        assertThat(registry.byUuid("CDEACB80-5235-4C07-8846-93A37EE6B86D")).isEmpty();
    }

    @Test
    void duplicateIdFailsTheBuild() {
        CodecRegistry.Builder b = CodecRegistry.builder()
                .gatt(0x2A49, "x", "a", new BloodPressureFeatureParser())
                .gatt(0x2A4A, "x", "b", new BloodPressureFeatureParser());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("duplicate codec id x");
    }

    @Test
    void duplicateUuidFailsTheBuild() {
        CodecRegistry.Builder b = CodecRegistry.builder()
                .gatt(0x2A49, "x", "a", new BloodPressureFeatureParser())
                .gatt(0x2A49, "y", "b", new BloodPressureFeatureParser());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("duplicate UUID 0x2A49");
    }

    @Test
    void readingMapperReportsUnknownAndNonMeasurementCodecs() {
        ReadingMapper mapper = new ReadingMapper(registry);
        assertThat(mapper.map("nope", Bytes.of((byte) 0))).isInstanceOf(Decoded.Unsupported.class);
        assertThat(mapper.map("gatt.bas.battery-level", Bytes.of((byte) 50))).isInstanceOf(Decoded.Unsupported.class);
        assertThat(mapper.map("gatt.bps.measurement", Bytes.fromHex("04 7800 5000 5d00")))
                .isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void readingMapperMapsBloodPressureToTheReadingModel() {
        Decoded<MappedReading> d = new ReadingMapper(registry).map("gatt.bps.measurement",
                Bytes.fromHex("1D BDF0 6BF0 86F0 4800 FF 0400"));
        MappedReading r = ((Decoded.Ok<MappedReading>) d).value();
        assertThat(r.codecId()).isEqualTo("gatt.bps.measurement");
        assertThat(r.measurements()).extracting(m -> m.type()).containsExactly(MeasurementType.BP_SYSTOLIC,
                MeasurementType.BP_DIASTOLIC, MeasurementType.BP_MEAN, MeasurementType.PULSE_RATE_NONINV);
        assertThat(r.measurements().get(0).quantity()).isEqualTo(Quantity.of("18.9", Unit.KPA));
        assertThat(r.flags()).containsExactly(StatusFlag.IRREGULAR_PULSE);
        assertThat(r.userId()).isEqualTo(OptionalInt.empty()); // 255 = unknown user
        assertThat(r.deviceTime()).isEmpty();
    }

    @Test
    void glucoseConversionIsExactDecimal() {
        // 0.00123 kg/L -> 123 mg/dL with scale 0; 0.0068 mol/L -> 6.8 mmol/L
        MappedReading mg = ((Decoded.Ok<MappedReading>) new ReadingMapper(registry).map("gatt.gls.measurement",
                Bytes.fromHex("02 0100 E207 04 11 0F 33 00 7BB0 11"))).value();
        Quantity.Value v = (Quantity.Value) mg.measurements().get(0).quantity();
        assertThat(v.value().toPlainString()).isEqualTo("123");
        assertThat(v.unit()).isEqualTo(Unit.MG_PER_DL);
        assertThat(mg.recordNumber()).hasValue(1);
    }

    @Test
    void assembledBodyCompositionMapsThroughTheAssembledMapper() {
        BodyCompositionAssembler a = new BodyCompositionAssembler();
        assertThat(a.push(Bytes.fromHex("0610 C800 E207 04 11 0F 33 00 01"))).isEmpty();
        assertThat(a.pending()).isTrue();
        List<Decoded<BodyCompositionMeasurement>> out = a.push(Bytes.fromHex("0014 C800 B036"));
        assertThat(out).hasSize(1);
        BodyCompositionMeasurement m = ((Decoded.Ok<BodyCompositionMeasurement>) out.get(0)).value();
        Decoded<MappedReading> r = BodyCompositionMapper.assembled().map("gatt.bcs.measurement", m, Bytes.empty());
        assertThat(((Decoded.Ok<MappedReading>) r).value().measurements()).extracting(x -> x.type())
                .containsExactly(MeasurementType.BODY_FAT, MeasurementType.BODY_WEIGHT);
        // a malformed packet while one is held reports both
        a.push(Bytes.fromHex("0014 C800 B036"));
        assertThat(a.push(Bytes.fromHex("00"))).hasSize(2).allMatch(d -> d instanceof Decoded.Malformed);
    }

    @Test
    void timeZoneOffsets() {
        assertThat(new TimeZone(4).offset()).hasValueSatisfying(o -> assertThat(o.getTotalSeconds()).isEqualTo(3600));
        assertThat(new TimeZone(-128).offset()).isEmpty();
        assertThatThrownBy(() -> new TimeZone(57)).isInstanceOf(IllegalArgumentException.class);
    }
}
