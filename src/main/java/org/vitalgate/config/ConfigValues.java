package org.vitalgate.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human-friendly values of the configuration file. A value that does not parse is an error,
 * never a guess. Stateless; thread-safe.
 *
 * <ul>
 *   <li>Durations: a number and a unit, {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d};
 *       decimals allowed when they make whole milliseconds ({@code 1.5s}). A bare number has no unit and is
 *       refused.</li>
 *   <li>Sizes: bytes as a bare integer, or a number and a unit: {@code B}, decimal {@code KB MB GB TB}
 *       (powers of 1000), binary {@code KiB MiB GiB TiB} (powers of 1024); units are case-sensitive.</li>
 * </ul>
 */
public final class ConfigValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, Long> DURATION_MS = Map.of(
            "ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L, "d", 86_400_000L);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L, "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L, "TB", 1_000_000_000_000L,
            "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);

    private ConfigValues() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static Duration parseDuration(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative, got " + text);
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            if (s.matches("\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("needs a unit (ms, s, m, h or d), e.g. " + s + "s; got " + text);
            }
            throw new IllegalArgumentException("not a duration (use e.g. 250ms, 30s, 5m, 1h), got " + text);
        }
        BigDecimal ms = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(DURATION_MS.get(m.group(2))));
        try {
            return Duration.ofMillis(ms.toBigIntegerExact().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(ms.stripTrailingZeros().scale() > 0
                    ? "finer than a millisecond: " + text : "too large: " + text);
        }
    }

    /** Bytes. @throws IllegalArgumentException saying what is wrong */
    public static long parseSize(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("must not be negative, got " + text);
        }
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (use e.g. 512MiB, 64MB or a number of bytes), got " + text);
        }
        String unit = m.group(2).isEmpty() ? "B" : m.group(2);
        Long factor = SIZE_UNITS.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown size unit \"" + unit
                    + "\" (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB), got " + text);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        try {
            BigInteger whole = bytes.toBigIntegerExact();
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(bytes.stripTrailingZeros().scale() > 0
                    ? "not a whole number of bytes: " + text : "too large: " + text);
        }
    }
}
