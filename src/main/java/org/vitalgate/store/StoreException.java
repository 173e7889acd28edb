package org.vitalgate.store;

/** A store I/O failure (SQLite error, unreadable file). The operation did not happen. */
public class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
