package org.vitalgate.codec;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Bluetooth SIG 16-bit UUIDs and their 128-bit form on the base UUID 0000xxxx-0000-1000-8000-00805f9b34fb.
 * Stateless.
 */
public final class GattUuid {
    private static final String BASE_SUFFIX = "-0000-1000-8000-00805f9b34fb";

    private GattUuid() {
    }

    public static String toFull(int uuid16) {
        return String.format("0000%04x%s", uuid16, BASE_SUFFIX);
    }

    public static String toShort(int uuid16) {
        return String.format("0x%04X", uuid16);
    }

    /**
     * The 16-bit UUID of {@code text}: {@code 2A35}, {@code 0x2a35} or the full 128-bit form on the SIG base;
     * empty for anything else (vendor UUIDs, garbage).
     */
    public static OptionalInt parse16(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        if (t.length() == 36 && t.startsWith("0000") && t.endsWith(BASE_SUFFIX)) {
            t = t.substring(4, 8);
        }
        if (t.length() != 4) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < 4; i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(Integer.parseInt(t, 16));
    }
}
