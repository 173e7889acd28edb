package org.vitalgate.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.DedupKey;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.TimeCorrection;

/**
 * Committed readings made from every measurement case of the codec vector files ({@code src/test/resources/vectors})
 * that maps to at least one measurement: what the hub's codecs actually produce, for the payload encoders' tests.
 * A case with a device time stamp gets a device clock offset of +90 s (the hub corrected the clock), one without
 * is measured at receipt.
 */
public final class VectorReadings {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final Duration CLOCK_OFFSET = Duration.ofSeconds(90);

    /** One reading and the vector case it came from ({@code codec / case name}). */
    public record Case(String name, Reading reading) {
        @Override
        public String toString() {
            return name;
        }
    }

    private VectorReadings() {
    }

    public static List<Case> all() {
        CodecRegistry registry = CodecRegistry.standard();
        List<Case> out = new ArrayList<>();
        long seq = 1;
        for (Path file : files()) {
            Map<String, Object> doc = read(file);
            Codec<?> codec = registry.byId((String) doc.get("codec")).orElseThrow();
            if (!codec.isMeasurement()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("cases");
            for (Map<String, Object> c : cases) {
                if (c.containsKey("packets") || !c.containsKey("hex")) {
                    continue;
                }
                Decoded<MappedReading> mapped = codec.decodeAndMap(hex(c.get("hex")));
                if (mapped instanceof Decoded.Ok<MappedReading> ok && !ok.value().measurements().isEmpty()) {
                    out.add(new Case(codec.id() + " / " + c.get("name"), reading(ok.value(), seq++)));
                }
            }
        }
        return out;
    }

    /** The reading ingest would commit for {@code m} from the sample cuff's address. */
    public static Reading reading(MappedReading m, long seq) {
        Instant received = SampleReadings.RECEIVED;
        TimeChain time;
        if (m.deviceTime().isPresent()) {
            LocalDateTime dt = m.deviceTime().get();
            Instant measured = dt.minus(CLOCK_OFFSET).toInstant(ZoneOffset.UTC);
            time = new TimeChain(m.deviceTime(), measured, TimeCorrection.DEVICE_CLOCK_OFFSET, Optional.of(CLOCK_OFFSET),
                    received, HubClock.SYNCHRONIZED);
        } else {
            time = TimeChain.receivedOnly(received, HubClock.SYNCHRONIZED);
        }
        OptionalInt slot = m.userId();
        List<Measurement> ms = m.measurements();
        return new ReadingDraft(new ReadingId(String.format("01KB1Z5C8N6Y0Q3W7E2R4T%04d", seq)),
                DedupKey.of(SampleReadings.cuff(), slot, ms.stream().map(Measurement::type).toList(), time,
                        m.recordNumber()),
                SampleReadings.cuff(), "enr-7f3a9c", slot, m.recordNumber(), time, ms, m.flags(), Origin.SENSED)
                .committed(seq);
    }

    private static List<Path> files() {
        try {
            Path dir = Path.of(VectorReadings.class.getResource("/vectors/gatt").toURI());
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try {
            return YAML.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bytes hex(Object h) {
        if (h instanceof List<?> parts) {
            return Bytes.fromHex(parts.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        return Bytes.fromHex(String.valueOf(h));
    }
}
