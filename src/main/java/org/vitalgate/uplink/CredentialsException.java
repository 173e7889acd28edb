package org.vitalgate.uplink;

/** The credentials file is missing, unreadable or malformed. The message never contains its content. */
public final class CredentialsException extends Exception {
    public CredentialsException(String message) {
        super(message);
    }
}
