package org.vitalgate.cli;

import java.time.Duration;
import org.vitalgate.config.ConfigValues;
import picocli.CommandLine;

/** Parses durations as the configuration file does ({@code 250ms}, {@code 20s}, {@code 5m}, {@code 1h}); {@code 0} is zero. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        if ("0".equals(value.trim())) {
            return Duration.ZERO;
        }
        try {
            return ConfigValues.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
