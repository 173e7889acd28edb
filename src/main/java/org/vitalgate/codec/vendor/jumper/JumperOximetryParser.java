package org.vitalgate.codec.vendor.jumper;

import java.util.OptionalInt;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/**
 * Jumper family finger oximeter (also sold as "My Oximeter", obniz part {@code PLS_01BT}): notify characteristic
 * {@code CDEACB81-5235-4C07-8846-93A37EE6B86D} of the proprietary service
 * {@code CDEACB80-5235-4C07-8846-93A37EE6B86D} (device-protocols.md B.9). Codec id {@code jumper.oximetry}.
 * Only the result frame is known, 4 octets:
 *
 * <pre>
 * 0    frame type 0x81 (result)
 * 1    pulse rate bpm (255 = no valid pulse)
 * 2    SpO2 % (177 = no valid result, see below)
 * 3    perfusion index, raw (scaling not confirmed)
 * </pre>
 *
 * <p>What is confirmed and what is decided here:
 * <ul>
 *   <li>A frame whose first octet is not {@code 0x81} is another frame type, whose layout is not confirmed:
 *       {@link Decoded.Unsupported}, not malformed. An empty value has no frame type: malformed at 0.</li>
 *   <li>A {@code 0x81} frame that is not exactly 4 octets is malformed, at the first missing octet (short) or
 *       the first extra octet (long).</li>
 *   <li>The only public driver (obniz {@code PLS_01BT/index.ts}) discards a result frame when PR = 255 or
 *       SpO2 = 177. Such a frame decodes to a sample with <em>neither</em> SpO2 nor pulse rate (both empty,
 *       never a number): an oximeter's SpO2 is not valid without a detected pulse, and the driver drops the
 *       frame as a whole. The raw octets stay in the received frame.</li>
 *   <li>Any other SpO2 above 100 (including 127 and 255, the "invalid" markers of other oximeter protocols,
 *       which are <em>not</em> confirmed for this device) is malformed at offset 2, as for Nonin: an unknown
 *       marker is counted and logged as a decode failure rather than guessed at.</li>
 *   <li>SpO2 0..100 and pulse rate 0..254 are taken as they come (no further range is published).</li>
 *   <li>The perfusion index is kept raw in the sample; its scaling is not confirmed, so it is not mapped.</li>
 * </ul>
 *
 * Stateless; thread-safe.
 */
public final class JumperOximetryParser implements CharacteristicParser<JumperOximetrySample> {
    public static final String CODEC_ID = "jumper.oximetry";
    /** The notify characteristic that carries the result frames. */
    public static final String UUID = "cdeacb81-5235-4c07-8846-93a37ee6b86d";
    static final int RESULT_FRAME = 0x81;
    static final int LENGTH = 4;
    static final int PULSE_INVALID = 255;
    static final int SPO2_INVALID = 177;

    @Override
    public Decoded<JumperOximetrySample> parse(Bytes value) {
        if (value.isEmpty()) {
            return Decoded.malformed("empty frame, no frame type", 0, value);
        }
        int type = value.u8(0);
        if (type != RESULT_FRAME) {
            return Decoded.unsupported(String.format("Jumper frame type 0x%02X (only 0x81 result frames are known)",
                    type), value);
        }
        if (value.size() != LENGTH) {
            return Decoded.malformed("expected " + LENGTH + " octets in a 0x81 result frame, got " + value.size(),
                    Math.min(value.size(), LENGTH), value);
        }
        int pulse = value.u8(1);
        int spo2 = value.u8(2);
        int perfusionIndexRaw = value.u8(3);
        if (pulse == PULSE_INVALID || spo2 == SPO2_INVALID) {
            return Decoded.ok(new JumperOximetrySample(OptionalInt.empty(), OptionalInt.empty(), perfusionIndexRaw));
        }
        if (spo2 > 100) {
            return Decoded.malformed("SpO2 " + spo2 + " % out of range", 2, value);
        }
        return Decoded.ok(new JumperOximetrySample(OptionalInt.of(spo2), OptionalInt.of(pulse), perfusionIndexRaw));
    }
}
