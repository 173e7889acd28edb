package org.vitalgate.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vitalgate.reading.Bytes;

/**
 * Every combination of the presence flags each measurement characteristic defines, built from per-field
 * fragments in spec order (independent calculation): the decoded value has exactly the flagged fields with the
 * fragment's value, and the same bytes one octet short or one octet long are malformed.
 */
class FlagCombinationsTest {
    private static final CodecRegistry REGISTRY = CodecRegistry.standard();
    private static final String TIME = "E2 07 04 11 0F 33 00";

    /** One optional field: the flag bit(s) that announce it, its bytes, and the flattened fields it yields. */
    record Field(int bit, String hex, Map<String, String> expect) {
    }

    record Layout(String codec, int flagOctets, int extraFlagBits, String mandatory, Map<String, String> mandatoryExpect,
                  List<Field> fields) {
    }

    static Map<String, String> m(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    static List<Layout> layouts() {
        return List.of(
                new Layout("gatt.bps.measurement", 1, 0, "7800 5000 5D00", m("systolic", "120 mm[Hg]"), List.of(
                        new Field(1, TIME, m("timestamp", "2018-04-17T15:51:00")),
                        new Field(2, "4800", m("pulseRate", "72 /min")),
                        new Field(3, "07", m("userId", "7")),
                        new Field(4, "0500", m("status.raw", "5")))),
                new Layout("gatt.gls.measurement", 1, 0, "2A00 " + TIME, m("sequenceNumber", "42"), List.of(
                        new Field(0, "F6FF", m("timeOffsetMinutes", "-10")),
                        new Field(1, "7BB0 11", m("concentration.value", "0.00123")),
                        new Field(3, "0100", m("sensorStatus.raw", "1")))),
                new Layout("gatt.gls.measurement-context", 1, 0, "2A00", m("sequenceNumber", "42"), List.of(
                        new Field(7, "09", m("extendedFlags", "9")),
                        new Field(0, "03 32D0", m("carbohydrate.id.meaning", "DINNER")),
                        new Field(1, "05", m("meal.meaning", "BEDTIME")),
                        new Field(2, "21", m("tester.meaning", "SELF", "health.meaning", "MAJOR_HEALTH_ISSUES")),
                        new Field(3, "3C00 0A", m("exercise.durationSeconds", "60")),
                        new Field(4, "04 0AD0", m("medication.id.meaning", "LONG_ACTING_INSULIN")),
                        new Field(6, "41F0", m("hba1c", "6.5 %")))),
                new Layout("gatt.hts.measurement", 1, 0, "B00E00FE", m("temperature", "37.60 Cel"), List.of(
                        new Field(1, TIME, m("timestamp", "2018-04-17T15:51:00")),
                        new Field(2, "09", m("temperatureType", "TYMPANUM")))),
                new Layout("gatt.wss.measurement", 1, 0, "B036", m("weight", "70.000 kg"), List.of(
                        new Field(1, TIME, m("timestamp", "2018-04-17T15:51:00")),
                        new Field(2, "03", m("userId", "3")),
                        new Field(3, "F000 D606", m("bmi", "24.0 kg/m2", "height", "175.0 cm")))),
                new Layout("gatt.bcs.measurement", 2, 0, "C800", m("bodyFatPercentage", "20.0 %"), List.of(
                        new Field(1, TIME, m("timestamp", "2018-04-17T15:51:00")),
                        new Field(2, "04", m("userId", "4")),
                        new Field(3, "2C1A", m("basalMetabolismKj", "6700")),
                        new Field(4, "9001", m("musclePercentage", "40.0 %")),
                        new Field(5, "7017", m("muscleMass", "30.000 kg")),
                        new Field(6, "C02B", m("fatFreeMass", "56.000 kg")),
                        new Field(7, "1027", m("softLeanMass", "50.000 kg")),
                        new Field(8, "401F", m("bodyWaterMass", "40.000 kg")),
                        new Field(9, "8813", m("impedanceOhm", "500.0")),
                        new Field(10, "B036", m("weight", "70.000 kg")),
                        new Field(11, "D606", m("height", "175.0 cm")))),
                new Layout("gatt.plxs.spot-check", 1, 1 << 4, "6200 4800", m("spo2", "98 %"), List.of(
                        new Field(0, TIME, m("timestamp", "2018-04-17T15:51:00")),
                        new Field(1, "8000", m("measurementStatus.bits", "VALIDATED_DATA")),
                        new Field(2, "200000", m("deviceAndSensorStatus.bits", "LOW_PERFUSION_DETECTED")),
                        new Field(3, "19F0", m("pulseAmplitudeIndex", "2.5 %")))),
                new Layout("gatt.plxs.continuous", 1, 0, "6200 4800", m("normal.spo2", "98 %"), List.of(
                        new Field(0, "6100 4900", m("fast.spo2", "97 %")),
                        new Field(1, "6000 4600", m("slow.spo2", "96 %")),
                        new Field(2, "8000", m("measurementStatus.bits", "VALIDATED_DATA")),
                        new Field(3, "200000", m("deviceAndSensorStatus.bits", "LOW_PERFUSION_DETECTED")),
                        new Field(4, "19F0", m("pulseAmplitudeIndex", "2.5 %")))));
    }

    @TestFactory
    Stream<DynamicTest> everyFlagCombination() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Layout l : layouts()) {
            tests.add(DynamicTest.dynamicTest(l.codec(), () -> runAll(l)));
        }
        return tests.stream();
    }

    private static void runAll(Layout l) {
        Codec<?> codec = REGISTRY.byId(l.codec()).orElseThrow();
        int n = l.fields().size();
        int combos = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            // the extra (non-presence) flag bit is toggled on odd masks, e.g. PLX "device clock not set"
            int flags = (mask & 1) != 0 ? l.extraFlagBits() : 0;
            StringBuilder hex = new StringBuilder(l.mandatory());
            Map<String, String> expect = new LinkedHashMap<>(l.mandatoryExpect());
            for (int i = 0; i < n; i++) {
                Field f = l.fields().get(i);
                if ((mask >> i & 1) != 0) {
                    flags |= 1 << f.bit();
                    hex.append(' ').append(f.hex());
                    expect.putAll(f.expect());
                } else {
                    f.expect().keySet().forEach(k -> expect.put(k.contains(".") ? k.substring(0, k.indexOf('.')) : k,
                            "absent"));
                }
            }
            String flagHex = l.flagOctets() == 1 ? String.format("%02X", flags)
                    : String.format("%02X%02X", flags & 0xFF, flags >> 8);
            Bytes value = Bytes.fromHex(flagHex + " " + hex);
            Decoded<?> d = codec.decode(value);
            assertThat(d).as("%s flags %s: %s", l.codec(), flagHex, d).isInstanceOf(Decoded.Ok.class);
            Map<String, String> flat = DecodedView.flatten(DecodedView.of(((Decoded.Ok<?>) d).value()));
            for (Map.Entry<String, String> e : expect.entrySet()) {
                assertThat(flat.get(e.getKey())).as("%s flags %s field %s; all %s", l.codec(), flagHex, e.getKey(), flat)
                        .isEqualTo(e.getValue());
            }
            assertThat(flat.get("flags")).isEqualTo(Integer.toString(flags));
            assertThat(codec.decode(value.slice(0, value.size() - 1))).isInstanceOf(Decoded.Malformed.class);
            assertThat(codec.decode(value.concat(Bytes.of((byte) 0)))).isInstanceOf(Decoded.Malformed.class);
            if (codec.isMeasurement()) {
                assertThat(codec.decodeAndMap(value)).isNotNull();
            }
            combos++;
        }
        assertThat(combos).isEqualTo(1 << n);
    }
}
