package org.vitalgate.uplink.payload;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Objects;
import org.vitalgate.reading.Reading;
import org.vitalgate.store.PayloadEncoder;

/**
 * The {@code fhir-r4} reading payload: one FHIR R4 transaction Bundle per reading, per the HL7 Personal Health
 * Device IG (PhgDevice, PhdDevice, PHD Observations that also claim the R4 Vital Signs profiles where one applies),
 * with deterministic conditional-create identifiers and the patient as a conditional reference on the enrollment
 * key. Layout and identifiers: {@code docs/mqtt-contract.md}, section "fhir-r4".
 *
 * <p>Written with Jackson's streaming generator (no FHIR library at run time). The reading's {@code id} is the
 * Bundle identifier and its {@code seq} a {@code Bundle.meta} extension; the hub's publish time is stamped into
 * {@code Bundle.timestamp} at each publish ({@link #stampPublished}). A Bundle that would exceed
 * {@link #MAX_PAYLOAD_BYTES} once stamped is refused ({@link PayloadTooLargeException}), never truncated.
 * Immutable and thread-safe.
 */
public final class FhirR4 implements PayloadEncoder {
    /** The smallest cap among the supported brokers: AWS IoT Core's 128 KB. */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    /** The default identifier system of enrollment keys in the conditional patient reference. */
    public static final String DEFAULT_PATIENT_SYSTEM = FhirCodes.VG_ENROLLMENT_KEY;

    private static final byte[] STAMP_PREFIX = PublishStamp.prefix("timestamp");
    /** Bytes {@link #stampPublished} adds. */
    public static final int STAMP_BYTES = STAMP_PREFIX.length + WireTime.INSTANT_CHARS + 1;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final FhirBundle bundle;

    /**
     * @param hubId         this hub's id (the PhgDevice identifier)
     * @param agentVersion  the agent's version (the PhgDevice software version)
     * @param patientSystem identifier system of the enrollment keys, an absolute URI
     */
    public FhirR4(String hubId, String agentVersion, String patientSystem) {
        Fields.token("hubId", Objects.requireNonNull(hubId, "hubId"), Fields.HUB_ID, "-_.:");
        Fields.text("agentVersion", Objects.requireNonNull(agentVersion, "agentVersion"), 1, Fields.AGENT_VERSION);
        this.bundle = new FhirBundle(hubId, agentVersion, absoluteUri(patientSystem));
    }

    public FhirR4(String hubId, String agentVersion) {
        this(hubId, agentVersion, DEFAULT_PATIENT_SYSTEM);
    }

    @Override
    public byte[] encode(Reading reading) {
        Objects.requireNonNull(reading, "reading");
        ByteArrayBuilder out = new ByteArrayBuilder(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            bundle.write(g, reading);
        } catch (JsonGenerationException e) {
            throw new IllegalArgumentException("reading " + reading.id() + " cannot be written as FHIR JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length + STAMP_BYTES > MAX_PAYLOAD_BYTES) {
            throw new PayloadTooLargeException("reading " + reading.id(), bytes.length + STAMP_BYTES,
                    MAX_PAYLOAD_BYTES);
        }
        return bytes;
    }

    /**
     * Adds {@code "timestamp":"<publishedAt>"} (Bundle.timestamp: when the hub sent it) as the Bundle's last member.
     *
     * @throws IllegalArgumentException if {@code payload} is not a Bundle of this encoder
     */
    public static byte[] stampPublished(byte[] payload, Instant publishedAt) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(publishedAt, "publishedAt");
        int n = payload.length;
        if (!Payloads.isFhirBundle(payload) || payload[n - 1] != '}') {
            throw new IllegalArgumentException("not a fhir-r4 Bundle payload");
        }
        return PublishStamp.insert(payload, 1, STAMP_PREFIX, publishedAt);
    }

    private static String absoluteUri(String s) {
        Objects.requireNonNull(s, "patientSystem");
        try {
            URI u = new URI(s);
            if (!u.isAbsolute() || s.contains(" ")) {
                throw new IllegalArgumentException("patientSystem must be an absolute URI: " + s);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("patientSystem must be an absolute URI: " + s, e);
        }
        return s;
    }
}
