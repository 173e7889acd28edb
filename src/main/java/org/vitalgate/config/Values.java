package org.vitalgate.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Typed readers of YAML values for {@link Section}; each explains a bad value. Stateless. */
final class Values {
    private Values() {
    }

    /** Why a value is unusable; becomes a {@link ConfigProblem} at the value's line. */
    static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(YamlNode node) throws Bad;
    }

    static YamlNode.Scalar scalar(YamlNode node, String expected) throws Bad {
        if (node instanceof YamlNode.Scalar s) {
            return s;
        }
        throw new Bad("expected " + expected + ", got " + node.describe());
    }

    static Reader<String> text() {
        return node -> {
            String s = scalar(node, "text").text();
            if (s.isBlank()) {
                throw new Bad("must not be blank");
            }
            return s;
        };
    }

    static Reader<Boolean> bool() {
        return node -> {
            YamlNode.Scalar s = scalar(node, "true or false");
            if (s.kind() != YamlNode.Scalar.Kind.BOOLEAN) {
                throw new Bad("expected true or false, got " + s.describe());
            }
            return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        };
    }

    static Reader<Long> integer(long min, long max) {
        return node -> {
            YamlNode.Scalar s = scalar(node, "an integer");
            if (s.kind() != YamlNode.Scalar.Kind.INTEGER) {
                throw new Bad("expected an integer, got " + s.describe());
            }
            BigInteger v;
            try {
                v = new BigInteger(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new Bad("expected a decimal integer, got " + s.text());
            }
            if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new Bad(min == 0 && max == Long.MAX_VALUE && v.signum() < 0
                        ? "must not be negative, got " + s.text()
                        : "must be between " + min + " and " + max + ", got " + s.text());
            }
            return v.longValue();
        };
    }

    static Reader<Integer> int32(int min, int max) {
        Reader<Long> r = integer(min, max);
        return node -> r.read(node).intValue();
    }

    static Reader<Duration> duration(Duration min, Duration max) {
        return node -> {
            YamlNode.Scalar s = scalar(node, "a duration like 30s");
            Duration d;
            try {
                d = ConfigValues.parseDuration(s.text());
            } catch (IllegalArgumentException e) {
                throw new Bad(e.getMessage());
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new Bad("must be between " + human(min) + " and " + human(max) + ", got " + s.text());
            }
            return d;
        };
    }

    static Reader<Long> size(long min) {
        return node -> {
            YamlNode.Scalar s = scalar(node, "a size like 512MiB");
            if (s.kind() == YamlNode.Scalar.Kind.DECIMAL || s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
                throw new Bad("expected a size like 512MiB or a number of bytes, got " + s.describe());
            }
            long v;
            try {
                v = ConfigValues.parseSize(s.text());
            } catch (IllegalArgumentException e) {
                throw new Bad(e.getMessage());
            }
            if (v < min) {
                throw new Bad("must be at least " + min + " bytes, got " + s.text());
            }
            return v;
        };
    }

    static Reader<Double> positiveNumber(double max, String suffix) {
        return node -> {
            YamlNode.Scalar s = scalar(node, "a number");
            String t = s.text().trim();
            if (s.kind() == YamlNode.Scalar.Kind.STRING && !suffix.isEmpty() && t.endsWith(suffix)) {
                t = t.substring(0, t.length() - suffix.length()).trim();
            } else if (s.kind() != YamlNode.Scalar.Kind.INTEGER && s.kind() != YamlNode.Scalar.Kind.DECIMAL) {
                throw new Bad("expected a number" + (suffix.isEmpty() ? "" : " (optionally with " + suffix + ")")
                        + ", got " + s.describe());
            }
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new Bad("expected a number, got " + s.text());
            }
            if (!(v > 0) || v > max || Double.isNaN(v)) {
                throw new Bad("must be greater than 0 and at most " + (long) max + ", got " + s.text());
            }
            return v;
        };
    }

    static Reader<Path> path() {
        return node -> {
            String s = text().read(node);
            try {
                return Path.of(s);
            } catch (InvalidPathException e) {
                throw new Bad("not a valid path: " + e.getMessage());
            }
        };
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        } else if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
