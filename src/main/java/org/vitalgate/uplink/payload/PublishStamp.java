package org.vitalgate.uplink.payload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Inserts a time member ({@code ,"<name>":"<instant>"}) just before the last closing braces of a JSON payload: the
 * publish time of a v1 payload (inside its final {@code time} object) and a FHIR Bundle's {@code timestamp}. A
 * byte copy, no parsing. Thread-safe.
 */
final class PublishStamp {
    private static final byte[] PREFIX = ",\"published\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Bytes the v1 stamp adds: the prefix, the 24-character instant and its closing quote. */
    static final int BYTES = PREFIX.length + WireTime.INSTANT_CHARS + 1;

    private PublishStamp() {
    }

    /** The v1 stamp: {@code ,"published":"…"} before the final {@code }}} (the payload ends with its time object). */
    static byte[] stamp(byte[] payload, Instant publishedAt) {
        int n = payload.length;
        if (n < 4 || payload[n - 1] != '}' || payload[n - 2] != '}') {
            throw new IllegalArgumentException("not a v1 payload ending with its time object");
        }
        return insert(payload, 2, PREFIX, publishedAt);
    }

    /** The bytes of {@code ,"name":"} for {@link #insert}. */
    static byte[] prefix(String name) {
        return (",\"" + name + "\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code payload} with {@code prefix}, the instant and a closing quote inserted before its last {@code braces} bytes. */
    static byte[] insert(byte[] payload, int braces, byte[] prefix, Instant at) {
        byte[] time = WireTime.instant(at).getBytes(StandardCharsets.US_ASCII);
        int n = payload.length;
        int cut = n - braces;
        byte[] out = new byte[n + prefix.length + time.length + 1];
        System.arraycopy(payload, 0, out, 0, cut);
        System.arraycopy(prefix, 0, out, cut, prefix.length);
        System.arraycopy(time, 0, out, cut + prefix.length, time.length);
        out[cut + prefix.length + time.length] = '"';
        System.arraycopy(payload, cut, out, out.length - braces, braces);
        return out;
    }
}
