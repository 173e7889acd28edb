package org.vitalgate.uplink.payload;

/**
 * Limits of v1 string fields, the same as in {@code docs/schemas/*.json}: the encoder refuses a value the
 * schema would reject, so whatever leaves the hub validates. Thread-safe.
 */
public final class Fields {
    public static final int HUB_ID = 64;
    public static final int PATIENT_KEY = 128;
    public static final int ADDRESS = 128;
    public static final int DEVICE_TEXT = 64;
    public static final int PROFILE_ID = 64;
    public static final int AGENT_VERSION = 64;
    public static final int EVENT_TYPE = 64;
    public static final int ATTRIBUTE_KEY = 64;
    public static final int ATTRIBUTE_VALUE = 512;
    public static final int REQUEST_ID = 64;
    public static final int MESSAGE = 512;
    /** Decimal digits (and exponent magnitude) a measured value may have. */
    public static final int VALUE_DIGITS = 24;

    private Fields() {
    }

    static String text(String field, String value, int min, int max) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " is not valid Unicode (unpaired surrogate at " + i + ")");
            }
        }
        int cp = value.codePointCount(0, value.length());
        if (cp < min || cp > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + " characters, got " + cp);
        }
        return value;
    }

    /** ASCII letters, digits and {@code extra}, 1..max characters, first one a letter or digit. */
    static String token(String field, String value, int max, String extra) {
        int n = value.length();
        boolean ok = n >= 1 && n <= max;
        for (int i = 0; ok && i < n; i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            ok = alnum || (i > 0 && extra.indexOf(c) >= 0);
        }
        if (!ok) {
            throw new IllegalArgumentException(field + " must be 1.." + max + " of [A-Za-z0-9" + extra
                    + "] starting with a letter or digit: " + value);
        }
        return value;
    }

    static String ulid(String field, String value) {
        boolean ok = value.length() == 26;
        for (int i = 0; ok && i < 26; i++) {
            char c = value.charAt(i);
            ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
        }
        if (!ok) {
            throw new IllegalArgumentException(field + " is not a ULID: " + value);
        }
        return value;
    }
}
