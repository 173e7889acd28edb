package org.vitalgate.uplink.payload;

/**
 * A message would exceed {@link JsonV1#MAX_PAYLOAD_BYTES} once the publish time is stamped into it. The
 * encoder refuses it rather than truncate it: nothing was produced.
 */
public final class PayloadTooLargeException extends IllegalArgumentException {
    private final int size;

    PayloadTooLargeException(String what, int size) {
        super(what + " would be " + size + " bytes with its publish time; the limit is "
                + JsonV1.MAX_PAYLOAD_BYTES);
        this.size = size;
    }

    /** The size in bytes the stamped message would have had. */
    public int size() {
        return size;
    }
}
