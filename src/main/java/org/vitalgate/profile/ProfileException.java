package org.vitalgate.profile;

import java.util.List;

/** Profiles failed validation; {@link #errors()} lists every problem found, each prefixed by its file. */
public final class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public ProfileException(List<String> errors) {
        super(errors.size() + " profile error(s):\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
