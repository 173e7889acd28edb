package org.vitalgate.codec.gatt.gls;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.codec.SFloat;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Carbohydrate;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.CarbohydrateId;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Coded;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Exercise;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Health;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Meal;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Medication;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.MedicationId;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.MedicationUnit;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContext.Tester;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Unit;

/**
 * Glucose Measurement Context, UUID 0x2A34 (Glucose Service 1.0 / GSS): flags (bit 0 carbohydrate,
 * 1 meal, 2 tester-health, 3 exercise, 4 medication, 5 medication in litres, 6 HbA1c, 7 extended flags) ·
 * uint16 sequence number · [extended flags u8] · [carb id u8 + SFLOAT kg] · [meal u8] · [tester nibble low /
 * health nibble high] · [exercise duration u16 s + intensity u8 %] · [medication id u8 + SFLOAT kg|L] ·
 * [HbA1c SFLOAT %]. Length must match the flags. Stateless; thread-safe.
 */
public final class GlucoseMeasurementContextParser implements CharacteristicParser<GlucoseMeasurementContext> {
    @Override
    public Decoded<GlucoseMeasurementContext> parse(Bytes value) {
        Optional<Decoded<GlucoseMeasurementContext>> bad = Lengths.atLeast(value, 1);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int flags = in.u8();
        int expected = 3 + (bit(flags, 7) ? 1 : 0) + (bit(flags, 0) ? 3 : 0) + (bit(flags, 1) ? 1 : 0)
                + (bit(flags, 2) ? 1 : 0) + (bit(flags, 3) ? 3 : 0) + (bit(flags, 4) ? 3 : 0) + (bit(flags, 6) ? 2 : 0);
        bad = Lengths.exact(value, expected, flags);
        if (bad.isPresent()) {
            return bad.get();
        }
        int sequence = in.u16();
        OptionalInt extended = bit(flags, 7) ? OptionalInt.of(in.u8()) : OptionalInt.empty();
        Optional<Carbohydrate> carb = Optional.empty();
        if (bit(flags, 0)) {
            int id = in.u8();
            carb = Optional.of(new Carbohydrate(new Coded<>(id, CarbohydrateId.of(id)), SFloat.decode(in.u16())));
        }
        Optional<Coded<Meal>> meal = Optional.empty();
        if (bit(flags, 1)) {
            int m = in.u8();
            meal = Optional.of(new Coded<>(m, Meal.of(m)));
        }
        Optional<Coded<Tester>> tester = Optional.empty();
        Optional<Coded<Health>> health = Optional.empty();
        if (bit(flags, 2)) {
            int th = in.u8();
            tester = Optional.of(new Coded<>(th & 0x0F, Tester.of(th & 0x0F)));
            health = Optional.of(new Coded<>(th >> 4, Health.of(th >> 4)));
        }
        Optional<Exercise> exercise = Optional.empty();
        if (bit(flags, 3)) {
            int duration = in.u16();
            exercise = Optional.of(new Exercise(duration, duration == 0xFFFF, in.u8()));
        }
        Optional<Medication> medication = Optional.empty();
        if (bit(flags, 4)) {
            int id = in.u8();
            medication = Optional.of(new Medication(new Coded<>(id, MedicationId.of(id)), SFloat.decode(in.u16()),
                    bit(flags, 5) ? MedicationUnit.LITRES : MedicationUnit.KILOGRAMS));
        }
        Optional<Quantity> hba1c = bit(flags, 6) ? Optional.of(SFloat.read(in, Unit.PERCENT)) : Optional.empty();
        return Decoded.ok(new GlucoseMeasurementContext(flags, sequence, extended, carb, meal, tester, health,
                exercise, medication, hba1c));
    }

    private static boolean bit(int flags, int bit) {
        return (flags >> bit & 1) != 0;
    }
}
