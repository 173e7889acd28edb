package org.vitalgate.uplink.payload;

/**
 * A message would exceed its format's limit ({@link JsonV1#MAX_PAYLOAD_BYTES}, {@link FhirR4#MAX_PAYLOAD_BYTES}) once the publish time is stamped into it. The
 * encoder refuses it rather than truncate it: nothing was produced.
 */
public final class PayloadTooLargeException extends IllegalArgumentException {
    private final int size;

    PayloadTooLargeException(String what, int size) {
        this(what, size, JsonV1.MAX_PAYLOAD_BYTES);
    }

    PayloadTooLargeException(String what, int size, int limit) {
        super(what + " would be " + size + " bytes with its publish time; the limit is " + limit);
        this.size = size;
    }

    /** The size in bytes the stamped message would have had. */
    public int size() {
        return size;
    }
}
