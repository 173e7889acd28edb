package org.vitalgate.uplink.payload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Inserts {@code ,"published":"<instant>"} before the final {@code }}} of a v1 payload, whose last member is
 * always its {@code time} object. A byte copy, no parsing. Thread-safe.
 */
final class PublishStamp {
    private static final byte[] PREFIX = ",\"published\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Bytes the stamp adds: the prefix, the 24-character instant and its closing quote. */
    static final int BYTES = PREFIX.length + WireTime.INSTANT_CHARS + 1;

    private PublishStamp() {
    }

    static byte[] stamp(byte[] payload, Instant publishedAt) {
        int n = payload.length;
        if (n < 4 || payload[n - 1] != '}' || payload[n - 2] != '}') {
            throw new IllegalArgumentException("not a v1 payload ending with its time object");
        }
        byte[] time = WireTime.instant(publishedAt).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[n + BYTES];
        int at = n - 2;
        System.arraycopy(payload, 0, out, 0, at);
        System.arraycopy(PREFIX, 0, out, at, PREFIX.length);
        at += PREFIX.length;
        System.arraycopy(time, 0, out, at, time.length);
        at += time.length;
        out[at++] = '"';
        out[at++] = '}';
        out[at] = '}';
        return out;
    }
}
