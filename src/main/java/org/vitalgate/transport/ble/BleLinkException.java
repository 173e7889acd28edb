package org.vitalgate.transport.ble;

import java.util.Optional;
import org.vitalgate.transport.LinkException;

/** A failed BlueZ operation, with BlueZ's D-Bus error name when there was one ({@code org.bluez.Error.Failed}). */
public class BleLinkException extends LinkException {
    private static final long serialVersionUID = 1L;
    private final String errorName;

    public BleLinkException(String message) {
        this(message, null, null);
    }

    public BleLinkException(String message, String errorName, Throwable cause) {
        super(errorName == null ? message : message + " (" + errorName + ")", cause);
        this.errorName = errorName;
    }

    /** The D-Bus error name, if BlueZ answered with an error. */
    public Optional<String> errorName() {
        return Optional.ofNullable(errorName);
    }

    /** The operation did not finish before its deadline. */
    public static final class Timeout extends BleLinkException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }
}
