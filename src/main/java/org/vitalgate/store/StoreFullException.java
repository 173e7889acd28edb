package org.vitalgate.store;

/**
 * The store refuses a reading because it has reached its byte limit or the disk its free-space watermark.
 * Nothing was written; the caller keeps the reading (a device keeps it in its memory) and tries later.
 */
public final class StoreFullException extends StoreException {
    public StoreFullException(String message) {
        super(message);
    }

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
