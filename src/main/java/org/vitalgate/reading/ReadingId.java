package org.vitalgate.reading;

import java.util.Objects;
import java.util.regex.Pattern;

/** A reading's globally unique id: a ULID (26 Crockford base-32 characters), generated once at the hub. */
public record ReadingId(String value) {
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    public ReadingId {
        Objects.requireNonNull(value, "value");
        if (!ULID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a ULID: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
