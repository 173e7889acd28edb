package org.vitalgate.cli;

import java.io.IOException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.DecodedView;
import org.vitalgate.codec.GattUuid;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.reading.Bytes;
import org.vitalgate.uplink.payload.JsonV1;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vitalgate decode --uuid 2A35 <hex>}: decodes one characteristic value and prints it as JSON: the
 * characteristic's fields ({@code decoded}) and, for a measurement, the members of the {@code readings} message
 * it becomes ({@code reading}: measurements, flags, record number, device time), exactly as the wire carries them. {@code --list} lists the supported characteristics. Exit codes: 0 decoded; 1 malformed
 * or unsupported bytes (reason and offset printed); 2 bad usage, bad hex or an unsupported UUID.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Decode a Bluetooth GATT characteristic value (hex) and show it as the readings message"
                + " (JSON v1) carries it.")
public final class DecodeCommand implements Callable<Integer> {
    static final int MALFORMED = 1;
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--uuid", paramLabel = "UUID", description = "characteristic UUID: 2A35, 0x2A35 or 128-bit")
    String uuid;

    @Option(names = "--list", description = "list supported UUIDs, codec ids and names")
    boolean list;

    @Option(names = "--fhir", description = "print the fhir-r4 Bundle (mqtt.payload: fhir-r4) the reading would be"
            + " published as, instead of the decoded value")
    boolean fhir;

    @Option(names = "--address", paramLabel = "BT-ADDRESS", defaultValue = "00:00:00:00:00:00",
            description = "with --fhir: the device's Bluetooth address (default ${DEFAULT-VALUE})")
    String address;

    @Option(names = "--patient-key", paramLabel = "KEY", defaultValue = "example-patient",
            description = "with --fhir: the enrollment key (default ${DEFAULT-VALUE})")
    String patientKey;

    @Parameters(paramLabel = "HEX", arity = "0..*",
            description = "the value in hex; spaces, colons and 0x allowed; several arguments are joined")
    List<String> hex = new ArrayList<>();

    private final CodecRegistry registry = CodecRegistry.standard();
    /** Keeps numbers exactly as written (36.50 stays 36.50, never the double 36.5). */
    private final ObjectMapper exact = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final ObjectMapper json = exact.copy().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (Codec<?> c : registry.codecs()) {
                out.printf("%s  %-36s %s%s%n", (c.uuid16() < 0 ? c.uuid128() : GattUuid.toShort(c.uuid16())), c.id(), c.name(),
                        c.isMeasurement() ? "  [measurement]" : "");
            }
            out.flush();
            return 0;
        }
        if (uuid == null || hex.isEmpty()) {
            err.println("decode: give --uuid and the value in hex, or --list");
            return USAGE;
        }
        Optional<Codec<?>> codec = registry.byUuid(uuid);
        if (codec.isEmpty()) {
            err.println("decode: unsupported characteristic UUID " + uuid + " (see --list)");
            return USAGE;
        }
        Bytes value;
        try {
            value = Bytes.fromHex(String.join(" ", hex));
        } catch (IllegalArgumentException e) {
            err.println("decode: " + e.getMessage());
            return USAGE;
        }
        Codec<?> c = codec.get();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uuid", (c.uuid16() < 0 ? c.uuid128() : GattUuid.toShort(c.uuid16())));
        doc.put("codec", c.id());
        doc.put("name", c.name());
        doc.put("hex", value.hex());
        Decoded<?> decoded = c.decode(value);
        int exit = 0;
        if (decoded instanceof Decoded.Ok<?> ok) {
            doc.put("decoded", DecodedView.of(ok.value()));
            if (c.isMeasurement()) {
                Decoded<MappedReading> mapped = c.decodeAndMap(value);
                if (mapped instanceof Decoded.Ok<MappedReading> m) {
                    doc.put("reading", reading(m.value()));
                    doc.put("hubAdds", "id, seq, dedupKey, hubId, patientKey, origin, device, and time.measured,"
                            + " correction, received, hubClock, published");
                    if (fhir) {
                        if (m.value().measurements().isEmpty()) {
                            err.println("decode: the value maps to no measurement, so to no Bundle");
                            return MALFORMED;
                        }
                        out.println(FhirExample.bundle(m.value(), c.id(), address, patientKey));
                        out.flush();
                        return 0;
                    }
                } else if (mapped instanceof Decoded.Unsupported<MappedReading> u) {
                    doc.put("reading", null);
                    doc.put("notMapped", u.feature());
                }
            }
        } else if (decoded instanceof Decoded.Malformed<?> bad) {
            doc.put("malformed", Map.of("reason", bad.reason(), "offset", bad.offset()));
            err.println("malformed at offset " + bad.offset() + ": " + bad.reason());
            exit = MALFORMED;
        } else if (decoded instanceof Decoded.Unsupported<?> u) {
            doc.put("unsupported", u.feature());
            err.println("unsupported: " + u.feature());
            exit = MALFORMED;
        }
        if (fhir && exit == 0) {
            err.println("decode: " + c.id() + " is not a measurement: no Bundle");
            return USAGE;
        }
        out.println(json.writeValueAsString(doc));
        out.flush();
        return exit;
    }

    /**
     * What the {@code readings} message (JSON v1) carries from this value, byte for byte as the uplink writes it
     * (field names, wire codes, numbers with their precision): the same encoder, not a look-alike.
     */
    private JsonNode reading(MappedReading r) throws IOException {
        return exact.readTree(JsonV1.valueFields(r.recordNumber(), r.measurements(), r.flags(), r.deviceTime()));
    }
}
