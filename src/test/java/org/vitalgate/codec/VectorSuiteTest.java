package org.vitalgate.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.codec.gatt.bcs.BodyCompositionAssembler;
import org.vitalgate.codec.gatt.bcs.BodyCompositionMapper;
import org.vitalgate.codec.gatt.bcs.BodyCompositionMeasurement;
import org.vitalgate.codec.gatt.cts.CurrentTime;
import org.vitalgate.codec.gatt.cts.DateTimeParser;
import org.vitalgate.codec.gatt.gls.RacpMessage;
import org.vitalgate.codec.gatt.gls.RecordAccessControlPoint;
import org.vitalgate.reading.Bytes;

/**
 * Runs every vector file in {@code src/test/resources/vectors/gatt}: one dynamic test per case. A case gives
 * {@code hex} (a string or a list of commented field strings), a {@code source}, and either {@code expect}
 * (flattened field → string, see {@link DecodedView#flatten}), {@code malformed} (substring of the reason) or
 * {@code unsupported}; optionally {@code mapped} / {@code mappedUnsupported} (the reading it maps to),
 * {@code roundTrip: true} (encoding the decoded value gives the same bytes), {@code build} (a request factory
 * must produce exactly {@code hex}) and {@code packets} (body composition packets fed to the assembler).
 * A case with no expectation fails and prints what was decoded, to bootstrap new captures.
 */
class VectorSuiteTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final CodecRegistry REGISTRY = CodecRegistry.standard();

    static List<Path> vectorFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(VectorSuiteTest.class.getResource("/vectors/gatt").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicNode> vectors() throws IOException, URISyntaxException {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : vectorFiles()) {
            Map<String, Object> doc = YAML.readValue(file.toFile(), Map.class);
            String codecId = (String) doc.get("codec");
            assertThat(doc.get("source")).as(file + " source").isNotNull();
            Codec<?> codec = REGISTRY.byId(codecId).orElseThrow(() -> new AssertionError(file + ": unknown codec " + codecId));
            assertThat(file.getFileName().toString()).isEqualTo(codecId + ".yaml");
            List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
            List<DynamicTest> tests = new ArrayList<>();
            for (Map<String, Object> c : cases) {
                tests.add(DynamicTest.dynamicTest(String.valueOf(c.get("name")), () -> run(codec, c)));
            }
            files.add(DynamicContainer.dynamicContainer(codecId + " (" + tests.size() + ")", tests));
        }
        return files.stream();
    }

    @Test
    void everyRegisteredCodecHasVectors() throws IOException, URISyntaxException {
        Set<String> withFiles = new TreeSet<>();
        for (Path f : vectorFiles()) {
            withFiles.add(f.getFileName().toString().replace(".yaml", ""));
        }
        Set<String> registered = REGISTRY.codecs().stream().map(Codec::id).collect(Collectors.toCollection(TreeSet::new));
        assertThat(withFiles).containsAll(registered);
    }

    static Bytes hex(Object h) {
        if (h instanceof List<?> parts) {
            return Bytes.fromHex(parts.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        return Bytes.fromHex(h == null ? "" : String.valueOf(h));
    }

    @SuppressWarnings("unchecked")
    private static void run(Codec<?> codec, Map<String, Object> c) {
        assertThat(c.get("source")).as("every case names its source").isNotNull();
        Bytes value = hex(c.get("hex"));
        Decoded<?> decoded;
        Object built = null;
        if (c.containsKey("packets")) {
            assertThat(codec.id()).isEqualTo("gatt.bcs.measurement");
            BodyCompositionAssembler assembler = new BodyCompositionAssembler();
            List<Decoded<BodyCompositionMeasurement>> out = new ArrayList<>();
            for (Object p : (List<Object>) c.get("packets")) {
                out.addAll(assembler.push(hex(p)));
            }
            out.addAll(assembler.flush());
            assertThat(out).as("assembled results").hasSize(1);
            Decoded<BodyCompositionMeasurement> assembled = out.get(0);
            decoded = assembled;
            if (assembled instanceof Decoded.Ok<BodyCompositionMeasurement> ok && c.containsKey("mapped")) {
                check("mapped", BodyCompositionMapper.assembled().map(codec.id(), ok.value(), value),
                        (Map<String, Object>) c.get("mapped"));
            }
        } else {
            decoded = codec.decode(value);
        }
        if (c.containsKey("malformed")) {
            assertThat(decoded).as("expected malformed, view: %s", view(decoded)).isInstanceOf(Decoded.Malformed.class);
            Decoded.Malformed<?> m = (Decoded.Malformed<?>) decoded;
            assertThat(m.reason()).contains(String.valueOf(c.get("malformed")));
            if (c.containsKey("offset")) {
                assertThat(m.offset()).isEqualTo(((Number) c.get("offset")).intValue());
            }
            assertThat(m.raw()).isEqualTo(c.containsKey("packets") ? m.raw() : value);
            return;
        }
        if (c.containsKey("unsupported")) {
            assertThat(decoded).isInstanceOf(Decoded.Unsupported.class);
            assertThat(((Decoded.Unsupported<?>) decoded).feature()).contains(String.valueOf(c.get("unsupported")));
            return;
        }
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        if (expect == null || expect.isEmpty()) {
            fail("case has no expectation; decoded: " + view(decoded));
        }
        check("decoded", decoded, expect);
        Object v = ((Decoded.Ok<?>) decoded).value();
        if (Boolean.TRUE.equals(c.get("roundTrip"))) {
            assertThat(encode(v)).as("byte-exact round trip").isEqualTo(value);
        }
        if (c.containsKey("build")) {
            built = build(String.valueOf(c.get("build")));
            assertThat(built).as("factory bytes").isEqualTo(value);
        }
        if (!c.containsKey("packets")) {
            if (c.containsKey("mapped")) {
                check("mapped", codec.decodeAndMap(value), (Map<String, Object>) c.get("mapped"));
            }
            if (c.containsKey("mappedUnsupported")) {
                Decoded<MappedReading> m = codec.decodeAndMap(value);
                assertThat(m).as("mapping: %s", view(m)).isInstanceOf(Decoded.Unsupported.class);
                assertThat(((Decoded.Unsupported<?>) m).feature()).contains(String.valueOf(c.get("mappedUnsupported")));
            }
        }
    }

    private static void check(String what, Decoded<?> d, Map<String, Object> expect) {
        assertThat(d).as("%s: %s", what, view(d)).isInstanceOf(Decoded.Ok.class);
        Map<String, String> flat = DecodedView.flatten(DecodedView.of(((Decoded.Ok<?>) d).value()));
        for (Map.Entry<String, Object> e : expect.entrySet()) {
            assertThat(flat).as("%s has field %s; all: %s", what, e.getKey(), flat).containsKey(e.getKey());
            assertThat(flat.get(e.getKey())).as("%s.%s; all: %s", what, e.getKey(), flat)
                    .isEqualTo(String.valueOf(e.getValue()));
        }
    }

    private static String view(Decoded<?> d) {
        if (d instanceof Decoded.Ok<?> ok) {
            return DecodedView.flatten(DecodedView.of(ok.value())).toString();
        }
        return d.toString();
    }

    static Bytes encode(Object v) {
        if (v instanceof RacpMessage m) {
            return m.encode();
        }
        if (v instanceof CurrentTime t) {
            return t.encode();
        }
        if (v instanceof GattDateTime t) {
            return DateTimeParser.encode(t);
        }
        throw new AssertionError("no encoder for " + v.getClass().getSimpleName());
    }

    static Bytes build(String spec) {
        String[] p = spec.trim().split("\\s+");
        switch (p[0]) {
            case "reportAllRecords":
                return RecordAccessControlPoint.reportAllRecords().encode();
            case "reportRecordsFrom":
                return RecordAccessControlPoint.reportRecordsFrom(Integer.parseInt(p[1])).encode();
            case "reportNumberOfAllRecords":
                return RecordAccessControlPoint.reportNumberOfAllRecords().encode();
            case "reportNumberOfRecordsFrom":
                return RecordAccessControlPoint.reportNumberOfRecordsFrom(Integer.parseInt(p[1])).encode();
            case "abort":
                return RecordAccessControlPoint.abort().encode();
            case "dateTime":
                return DateTimeParser.encode(GattDateTime.of(LocalDateTime.parse(p[1])));
            case "currentTime": {
                Set<CurrentTime.AdjustReason> reasons = EnumSet.noneOf(CurrentTime.AdjustReason.class);
                for (int i = 2; i < p.length; i++) {
                    reasons.add(CurrentTime.AdjustReason.valueOf(p[i]));
                }
                return CurrentTime.of(LocalDateTime.parse(p[1]), reasons).encode();
            }
            default:
                throw new AssertionError("unknown build " + spec);
        }
    }
}
