package org.vitalgate.codec.vendor.nonin;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One Nonin 3230 Continuous Oximetry value (about one per second). Immutable.
 *
 * @param spo2Percent          SpO2 %, empty when the device reports "missing" (127)
 * @param pulseRateBpm         pulse rate, empty when the device reports "missing" (511)
 * @param pulseAmplitudeIndex  PAI in hundredths of a percent (0.01 %)
 * @param counterSeconds       seconds since the measurement started
 * @param batteryDeciVolts     battery voltage in 0.1 V
 * @param status               the status byte's flags
 */
public record NoninOximetrySample(OptionalInt spo2Percent, OptionalInt pulseRateBpm, int pulseAmplitudeIndex,
                                  int counterSeconds, int batteryDeciVolts, Status status) {
    public NoninOximetrySample {
        Objects.requireNonNull(spo2Percent, "spo2Percent");
        Objects.requireNonNull(pulseRateBpm, "pulseRateBpm");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Status byte (byte 1).
     *
     * @param weakSignal   bit 1
     * @param smartPoint   bit 2: high-quality (SmartPoint) reading
     * @param searching    bit 3: searching for a pulse
     * @param correctCheck bit 4: sensor correctly on the finger
     * @param lowBattery   bit 5
     * @param encrypted    bit 6: the BLE link is encrypted
     */
    public record Status(boolean weakSignal, boolean smartPoint, boolean searching, boolean correctCheck,
                         boolean lowBattery, boolean encrypted) {
    }
}
