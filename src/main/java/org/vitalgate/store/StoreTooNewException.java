package org.vitalgate.store;

/**
 * The store was written by a newer vitalgate (its schema version is above the one this code knows), e.g. after an
 * upgrade was rolled back. The file is left untouched: this code must not write what it does not understand, and
 * the readings in it are not lost, they wait for the newer version.
 */
public final class StoreTooNewException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreTooNewException(String message) {
        super(message);
    }
}
