package org.vitalgate.codec.vendor.jumper;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One Jumper oximeter result frame ({@code 81 PR SpO2 PI}). Either both values are present or, for a frame the
 * device marks as having no valid result (PR = 255 or SpO2 = 177), both are empty; see
 * {@link JumperOximetryParser}. Immutable.
 *
 * @param spo2Percent        SpO2 %, empty when the frame carries no valid result
 * @param pulseRateBpm       pulse rate, empty when the frame carries no valid result
 * @param perfusionIndexRaw  octet 3 as sent (0..255); its scaling is not confirmed, so it is never mapped
 */
public record JumperOximetrySample(OptionalInt spo2Percent, OptionalInt pulseRateBpm, int perfusionIndexRaw) {
    public JumperOximetrySample {
        Objects.requireNonNull(spo2Percent, "spo2Percent");
        Objects.requireNonNull(pulseRateBpm, "pulseRateBpm");
        if (spo2Percent.isPresent() != pulseRateBpm.isPresent()) {
            throw new IllegalArgumentException("SpO2 and pulse rate are valid together or not at all");
        }
        if (perfusionIndexRaw < 0 || perfusionIndexRaw > 255) {
            throw new IllegalArgumentException("perfusionIndexRaw " + perfusionIndexRaw + " is not an octet");
        }
    }

    /** Whether the frame carries a valid SpO2 and pulse rate. */
    public boolean valid() {
        return spo2Percent.isPresent();
    }
}
