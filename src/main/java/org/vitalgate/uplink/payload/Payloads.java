package org.vitalgate.uplink.payload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Stamps the publish time into a stored reading or event payload of either format, recognised by its first
 * bytes: the outbox may hold both after {@code mqtt.payload} was changed, and each row keeps the format it was
 * encoded in. Thread-safe.
 */
public final class Payloads {
    private static final byte[] BUNDLE_PREFIX = "{\"resourceType\":\"Bundle\"".getBytes(StandardCharsets.US_ASCII);

    private Payloads() {
    }

    /** Whether {@code payload} is a {@link FhirR4} Bundle. */
    public static boolean isFhirBundle(byte[] payload) {
        if (payload.length < BUNDLE_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < BUNDLE_PREFIX.length; i++) {
            if (payload[i] != BUNDLE_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@link FhirR4#stampPublished} for a Bundle, {@link JsonV1#stampPublished} otherwise. */
    public static byte[] stampPublished(byte[] payload, Instant publishedAt) {
        Objects.requireNonNull(payload, "payload");
        return isFhirBundle(payload) ? FhirR4.stampPublished(payload, publishedAt)
                : JsonV1.stampPublished(payload, publishedAt);
    }
}
