package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * BlueZ's D-Bus error names as throwable types. dbus-java names an error reply after the thrown class
 * ({@code org.bluez.Error$Rejected} → {@code org.bluez.Error.Rejected}) and ignores
 * {@code DBusExecutionException.setType}, so an exported {@code org.bluez.Agent1} can only answer
 * {@code org.bluez.Error.Rejected} with a class of exactly this name. This is why vitalgate adds a class to the
 * {@code org.bluez} package (bluez-dbus's own {@code org.bluez.exceptions.*} would be sent as
 * {@code org.bluez.exceptions.BluezRejectedException}, which bluetoothd does not recognise). Immutable.
 */
public final class Error {
    private Error() {
    }

    /** Agent1: the user (or policy) refused. */
    public static final class Rejected extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public Rejected(String message) {
            super(message);
        }
    }

    /** Agent1: the request was cancelled (e.g. no passkey available). */
    public static final class Canceled extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public Canceled(String message) {
            super(message);
        }
    }
    /** Operation failed. */
    public static final class Failed extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public Failed(String message) {
            super(message);
        }
    }

    /** Adapter not powered or not ready. */
    public static final class NotReady extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotReady(String message) {
            super(message);
        }
    }

    /** Device not connected. */
    public static final class NotConnected extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotConnected(String message) {
            super(message);
        }
    }

    /** Operation not permitted by the characteristic. */
    public static final class NotPermitted extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotPermitted(String message) {
            super(message);
        }
    }

    /** Operation not supported. */
    public static final class NotSupported extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotSupported(String message) {
            super(message);
        }
    }

    /** Already exists (e.g. already paired, agent already registered). */
    public static final class AlreadyExists extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public AlreadyExists(String message) {
            super(message);
        }
    }

    /** No such object or registration. */
    public static final class DoesNotExist extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public DoesNotExist(String message) {
            super(message);
        }
    }

    /** Invalid arguments. */
    public static final class InvalidArguments extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InvalidArguments(String message) {
            super(message);
        }
    }

    /** Operation already in progress. */
    public static final class InProgress extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InProgress(String message) {
            super(message);
        }
    }

    /** Not authorized. */
    public static final class NotAuthorized extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotAuthorized(String message) {
            super(message);
        }
    }

    /** Pairing: authentication failed (e.g. wrong passkey). */
    public static final class AuthenticationFailed extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public AuthenticationFailed(String message) {
            super(message);
        }
    }

    /** Pairing: the agent rejected. */
    public static final class AuthenticationRejected extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public AuthenticationRejected(String message) {
            super(message);
        }
    }

    /** Pairing: the agent cancelled. */
    public static final class AuthenticationCanceled extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public AuthenticationCanceled(String message) {
            super(message);
        }
    }

    /** Pairing: timed out. */
    public static final class AuthenticationTimeout extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public AuthenticationTimeout(String message) {
            super(message);
        }
    }

    /** Pairing: could not connect. */
    public static final class ConnectionAttemptFailed extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public ConnectionAttemptFailed(String message) {
            super(message);
        }
    }
    /** GATT: the value has the wrong length. */
    public static final class InvalidValueLength extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InvalidValueLength(String message) {
            super(message);
        }
    }
}
