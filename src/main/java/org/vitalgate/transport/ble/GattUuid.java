package org.vitalgate.transport.ble;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Bluetooth UUID normalisation: 16-bit ({@code 2A35}, {@code 0x2A35}), 32-bit or 128-bit forms → the lower-case
 * 128-bit form BlueZ uses on D-Bus ({@code 00002a35-0000-1000-8000-00805f9b34fb}). Stateless; thread-safe.
 */
public final class GattUuid {
    private static final String BASE_SUFFIX = "-0000-1000-8000-00805f9b34fb";
    private static final Pattern SHORT = Pattern.compile("(?i)(0x)?([0-9a-f]{4}|[0-9a-f]{8})");
    private static final Pattern LONG =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private GattUuid() {
    }

    /**
     * The 128-bit lower-case form.
     *
     * @throws IllegalArgumentException if {@code uuid} is not a 16-, 32- or 128-bit UUID
     */
    public static String normalize(String uuid) {
        Objects.requireNonNull(uuid, "uuid");
        String s = uuid.trim();
        var m = SHORT.matcher(s);
        if (m.matches()) {
            String hex = m.group(2).toLowerCase(Locale.ROOT);
            return (hex.length() == 4 ? "0000" + hex : hex) + BASE_SUFFIX;
        }
        if (LONG.matcher(s).matches()) {
            return s.toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("not a Bluetooth UUID: '" + uuid + "'");
    }

    /** Whether {@link #normalize} accepts {@code uuid}. */
    public static boolean isValid(String uuid) {
        if (uuid == null) {
            return false;
        }
        String s = uuid.trim();
        return SHORT.matcher(s).matches() || LONG.matcher(s).matches();
    }

    /** Convenience for 16-bit SIG numbers: {@code of16(0x2A35)}. */
    public static String of16(int uuid16) {
        if (uuid16 < 0 || uuid16 > 0xFFFF) {
            throw new IllegalArgumentException("not a 16-bit UUID: " + uuid16);
        }
        return String.format(Locale.ROOT, "0000%04x%s", uuid16, BASE_SUFFIX);
    }
}
