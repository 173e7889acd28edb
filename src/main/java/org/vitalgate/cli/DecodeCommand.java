package org.vitalgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Quantity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vitalgate decode --uuid 2A35 <hex>}: decodes one characteristic value and prints it, with the readings
 * it maps to, as JSON. {@code --list} lists the supported characteristics. Exit codes: 0 decoded; 1 malformed
 * or unsupported bytes (reason and offset printed); 2 bad usage, bad hex or an unsupported UUID.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode a Bluetooth GATT characteristic value (hex) and show the readings it maps to.")
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
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws JsonProcessingException {
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

    private static Map<String, Object> reading(MappedReading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> measurements = new ArrayList<>();
        for (Measurement x : r.measurements()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", x.type().name());
            e.put("mdc", x.type().mdc());
            e.put("loinc", x.loinc());
            if (x.quantity() instanceof Quantity.Value v) {
                e.put("value", v.value().toPlainString());
            } else {
                e.put("special", ((Quantity.Special) x.quantity()).kind().name());
            }
            e.put("unit", x.unit().ucum());
            measurements.add(e);
        }
        m.put("measurements", measurements);
        m.put("flags", DecodedView.of(r.flags()));
        m.put("deviceTime", DecodedView.of(r.deviceTime()));
        m.put("userId", DecodedView.of(r.userId()));
        m.put("recordNumber", DecodedView.of(r.recordNumber()));
        return m;
    }
}
