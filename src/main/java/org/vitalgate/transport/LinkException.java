package org.vitalgate.transport;

/** A transport I/O failure (D-Bus, serial port), wrapping the library's exception. */
public class LinkException extends Exception {
    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
