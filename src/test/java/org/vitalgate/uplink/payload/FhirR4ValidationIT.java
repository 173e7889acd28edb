package org.vitalgate.uplink.payload;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.Quantity;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingId;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;
import org.vitalgate.testing.FhirValidation;
import org.vitalgate.testing.SampleReadings;
import org.vitalgate.testing.VectorReadings;

/**
 * Every measurement the codecs produce from the vector files, and every type/unit the reading model allows, encoded
 * as {@code fhir-r4} Bundles and validated with the HAPI FHIR instance validator against FHIR R4 core and the
 * Vital Signs profiles (offline). No error may remain but the unresolvable PHD IG profile claims (the IG package
 * is not available offline; see {@link FhirValidation}). Prints the remaining messages and the Bundle sizes.
 * An IT because building the validator takes about a minute.
 */
class FhirR4ValidationIT {
    private static final Instant PUBLISHED = Instant.parse("2026-11-27T08:20:00.007Z");
    private static final FhirR4 FHIR = new FhirR4("hub-3f9a1c0d2b7e", "0.1.0");
    private static final Map<String, Integer> MESSAGES = new TreeMap<>();
    private static final Map<String, Integer> SIZES = new TreeMap<>();

    record Named(String name, Reading reading) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Named> readings() {
        List<Named> out = new ArrayList<>();
        VectorReadings.all().forEach(c -> out.add(new Named("vector " + c.name(), c.reading())));
        out.add(new Named("sample blood pressure, device-local time, irregular pulse",
                SampleReadings.bloodPressure(42)));
        out.add(new Named("the docs example (docs/examples/reading-fhir-r4.json)", FhirR4Test.docExample()));
        out.add(new Named("worst case: every flag, clock offset, every optional field", SampleReadings.worstCase()));
        for (MeasurementType t : MeasurementType.values()) {
            for (Unit u : t.units()) {
                out.add(new Named("type " + t + " in " + u.ucum(), SampleReadings.single(t, u, "36.50")));
            }
        }
        out.add(new Named("blood pressure in kPa", bp(Unit.KPA, "16.0", "10.7")));
        out.add(new Named("NaN temperature", special(MeasurementType.BODY_TEMPERATURE, Unit.CEL,
                Quantity.SpecialValue.NAN, Set.of())));
        out.add(new Named("invalid SpO2, questionable, test data", special(MeasurementType.SPO2, Unit.PERCENT, null,
                Set.of(StatusFlag.INVALID_MEASUREMENT, StatusFlag.QUESTIONABLE_MEASUREMENT,
                        StatusFlag.DATA_FOR_TESTING, StatusFlag.LOW_PERFUSION))));
        out.add(new Named("serial glucose meter with control solution", serialGlucose()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void validatesAgainstR4AndVitalSigns(Named n) {
        byte[] sent = FhirR4.stampPublished(FHIR.encode(n.reading()), PUBLISHED);
        synchronized (SIZES) {
            SIZES.put(n.name(), sent.length);
        }
        List<SingleValidationMessage> all = FhirValidation.get().validate(sent);
        synchronized (MESSAGES) {
            for (SingleValidationMessage m : all) {
                if (m.getSeverity() != ResultSeverityEnum.INFORMATION) {
                    String key = m.getSeverity() + ": " + m.getMessage().replaceAll("urn:uuid:[0-9a-f-]+", "urn:uuid:…");
                    MESSAGES.merge(key, 1, Integer::sum);
                }
            }
        }
        assertThat(FhirValidation.get().errors(sent)).as("validation errors of %s", n.name())
                .extracting(FhirValidation::describe).isEmpty();
        assertThat(sent.length).isLessThan(FhirR4.MAX_PAYLOAD_BYTES);
    }

    @AfterAll
    static void report() {
        System.out.println("FHIR validation messages (severity: message = count):");
        MESSAGES.forEach((k, v) -> System.out.println("  " + k + " = " + v));
        System.out.println("FHIR Bundle sizes (bytes, publish time included):");
        SIZES.forEach((k, v) -> System.out.println("  " + v + "  " + k));
    }

    private static Reading bp(Unit unit, String sys, String dia) {
        TimeChain time = TimeChain.receivedOnly(SampleReadings.RECEIVED, HubClock.NOT_SYNCHRONIZED);
        return new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8B"), "d1-00112233445566778899aabbccddee01",
                SampleReadings.cuff(), "enr-1", OptionalInt.empty(), OptionalLong.empty(), time,
                List.of(Measurement.of(MeasurementType.BP_SYSTOLIC, sys, unit),
                        Measurement.of(MeasurementType.BP_DIASTOLIC, dia, unit)), Set.of(), Origin.SENSED).committed(2);
    }

    private static Reading special(MeasurementType type, Unit unit, Quantity.SpecialValue special,
                                   Set<StatusFlag> flags) {
        TimeChain time = TimeChain.receivedOnly(SampleReadings.RECEIVED, HubClock.UNKNOWN);
        Quantity q = special == null ? Quantity.of("97", unit) : Quantity.special(special, unit);
        return new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8C"), "d1-00112233445566778899aabbccddee02",
                SampleReadings.cuff(), "enr-1", OptionalInt.empty(), OptionalLong.empty(), time,
                List.of(new Measurement(type, q)), flags, Origin.SENSED).committed(3);
    }

    private static Reading serialGlucose() {
        DeviceIdentity meter = new DeviceIdentity(Transport.SERIAL, "/dev/ttyUSB0", "", "OneTouch Ultra 2",
                Optional.empty(), Optional.empty(), "lifescan-ultra2");
        TimeChain time = new TimeChain(Optional.of(java.time.LocalDateTime.parse("2026-11-27T07:02:00")),
                Instant.parse("2026-11-27T06:02:00Z"), org.vitalgate.reading.TimeCorrection.DEVICE_LOCAL_UNCORRECTED,
                Optional.empty(), SampleReadings.RECEIVED, HubClock.SYNCHRONIZED);
        return new ReadingDraft(new ReadingId("01KB1Z5C8N6Y0Q3W7E2R4T6Y8D"), "d1-00112233445566778899aabbccddee03",
                meter, "enr-1", OptionalInt.empty(), OptionalLong.of(17), time,
                List.of(Measurement.of(MeasurementType.GLUCOSE_CAPILLARY_PLASMA, "5.4", Unit.MMOL_PER_L)),
                Set.of(StatusFlag.CONTROL_SOLUTION, StatusFlag.STRIP_TYPE_INCORRECT), Origin.SENSED).committed(4);
    }
}
