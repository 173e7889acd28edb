package org.vitalgate.codec.gatt.bcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/**
 * Joins Body Composition Measurement packets into whole measurements (BCS 1.0: a measurement too long
 * for one indication is split, each packet carrying Flags and Body Fat Percentage plus a subset of the optional
 * fields, with the Multiple Packet Measurement bit set).
 *
 * <p>Policy (pure; the caller owns one assembler per device connection): a packet without bit 12 is a whole
 * measurement. A packet with bit 12 is held; the next packet with bit 12 completes the pair (the spec's ATT_MTU
 * of 23 never needs more than two packets); a packet without bit 12 after a held one is taken as its last part.
 * Merged packets must agree on units and body fat and must not both carry the same optional field; otherwise
 * the result is malformed. {@link #flush()} reports a held, never-completed packet as malformed (e.g. on
 * disconnect). Not thread-safe: confine to one thread.
 */
public final class BodyCompositionAssembler {
    private final BodyCompositionMeasurementParser parser = new BodyCompositionMeasurementParser();
    private BodyCompositionMeasurement held;
    private Bytes heldRaw;

    /** Feeds one indication; returns zero or one complete results. */
    public List<Decoded<BodyCompositionMeasurement>> push(Bytes packet) {
        Decoded<BodyCompositionMeasurement> d = parser.parse(packet);
        List<Decoded<BodyCompositionMeasurement>> out = new ArrayList<>(2);
        if (!(d instanceof Decoded.Ok<BodyCompositionMeasurement> ok)) {
            out.addAll(flush());
            out.add(d);
            return out;
        }
        BodyCompositionMeasurement m = ok.value();
        if (held == null) {
            if (m.multiplePacket()) {
                held = m;
                heldRaw = packet;
            } else {
                out.add(d);
            }
            return out;
        }
        BodyCompositionMeasurement first = held;
        Bytes raw = heldRaw.concat(packet);
        held = null;
        heldRaw = null;
        out.add(merge(first, m, raw));
        return out;
    }

    /** Ends the stream: a held first packet without its second part is malformed. */
    public List<Decoded<BodyCompositionMeasurement>> flush() {
        if (held == null) {
            return List.of();
        }
        Decoded<BodyCompositionMeasurement> incomplete = Decoded.malformed(
                "multi-packet body composition measurement incomplete", heldRaw.size(), heldRaw);
        held = null;
        heldRaw = null;
        return List.of(incomplete);
    }

    /** True while a first packet waits for its continuation. */
    public boolean pending() {
        return held != null;
    }

    static Decoded<BodyCompositionMeasurement> merge(BodyCompositionMeasurement a, BodyCompositionMeasurement b,
                                                     Bytes raw) {
        if (a.imperial() != b.imperial()) {
            return Decoded.malformed("multi-packet parts disagree on units", 0, raw);
        }
        if (!a.bodyFatPercentage().equals(b.bodyFatPercentage())) {
            return Decoded.malformed("multi-packet parts disagree on body fat percentage", 0, raw);
        }
        int overlap = a.flags() & b.flags() & 0x0FFE;
        if (overlap != 0) {
            return Decoded.malformed("multi-packet parts both carry fields 0x" + Integer.toHexString(overlap), 0, raw);
        }
        return Decoded.ok(new BodyCompositionMeasurement(a.flags() | b.flags(), a.imperial(), true,
                a.bodyFatPercentage(), a.measurementUnsuccessful(), or(a.timestamp(), b.timestamp()),
                or(a.userId(), b.userId()), or(a.basalMetabolismKj(), b.basalMetabolismKj()),
                or(a.musclePercentage(), b.musclePercentage()), or(a.muscleMass(), b.muscleMass()),
                or(a.fatFreeMass(), b.fatFreeMass()), or(a.softLeanMass(), b.softLeanMass()),
                or(a.bodyWaterMass(), b.bodyWaterMass()), or(a.impedanceOhm(), b.impedanceOhm()),
                or(a.weight(), b.weight()), or(a.height(), b.height())));
    }

    private static <T> Optional<T> or(Optional<T> a, Optional<T> b) {
        return a.isPresent() ? a : b;
    }

    private static OptionalInt or(OptionalInt a, OptionalInt b) {
        return a.isPresent() ? a : b;
    }
}
