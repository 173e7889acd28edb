package org.vitalgate.uplink;

/** TLS files (CA, client certificate, client key) are missing, unreadable or not what they should be. */
public final class TlsMaterialException extends Exception {
    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
