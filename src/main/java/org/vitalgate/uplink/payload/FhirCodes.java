package org.vitalgate.uplink.payload;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.StatusFlag;
import org.vitalgate.reading.Unit;

/**
 * Code systems, profiles and code tables of the {@code fhir-r4} payload: FHIR R4 Vital Signs profiles (LOINC),
 * the HL7 Personal Health Device IG (STU 2, {@code http://hl7.org/fhir/uv/phd}) profiles, MDC device
 * specializations, and the IG's ASN1ToHL7 bit codes for device status. Sources: device-protocols.md Part D,
 * rpm-domain.md 2.1-2.2, the PHD IG's ASN1ToHL7 code system. Thread-safe.
 */
final class FhirCodes {
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String FHIR_SD = "http://hl7.org/fhir/StructureDefinition/";
    static final String PHD_SD = "http://hl7.org/fhir/uv/phd/StructureDefinition/";
    static final String OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String PHD_CATEGORY = "http://hl7.org/fhir/uv/phd/CodeSystem/PhdObservationCategories";
    static final String ASN1 = "http://terminology.hl7.org/CodeSystem/ASN1ToHL7";
    static final String MEASUREMENT_STATUS = "http://hl7.org/fhir/uv/pocd/CodeSystem/measurement-status";
    static final String DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String CONTINUA_IDS = "http://terminology.hl7.org/CodeSystem/ContinuaDeviceIdentifiers";
    static final String BLUETOOTH_EUI48 = "http://hl7.org/fhir/sid/eui-48/bluetooth";
    static final String SNOMED = "http://snomed.info/sct";
    static final String GATEWAY_EXTENSION = FHIR_SD + "observation-gatewayDevice";
    static final String COINCIDENT_EXTENSION = PHD_SD + "CoincidentTimeStampReference";
    /** The IG's system of the conditional-create Observation identifier. */
    static final String PHD_IDENTIFIER = PHD_SD + "PhdBaseObservation";

    /** vitalgate's own namespace for identifier systems and extensions (documented in docs/mqtt-contract.md). */
    static final String VG = "https://vitalgate.org/fhir/";
    static final String VG_READING_ID = VG + "sid/reading-id";
    static final String VG_HUB_ID = VG + "sid/hub-id";
    static final String VG_DEVICE_ADDRESS = VG + "sid/device-address";
    static final String VG_ENROLLMENT_KEY = VG + "sid/enrollment-key";
    static final String VG_READING_SEQ = VG + "StructureDefinition/reading-seq";
    static final String VG_DEDUP_KEY = VG + "StructureDefinition/dedup-key";
    static final String VG_USER_SLOT = VG + "StructureDefinition/user-slot";
    static final String VG_RECORD_NUMBER = VG + "StructureDefinition/device-record-number";
    static final String VG_TIME_CHAIN = VG + "StructureDefinition/time-chain";
    static final String VG_STATUS_FLAG = VG + "StructureDefinition/status-flag";

    /** MDC_MOC_VMS_MDS_SIMP: the Device.type of every PHD. */
    static final Coding PHD_TYPE = new Coding(MDC, "65573", "MDC_MOC_VMS_MDS_SIMP");
    /** MDC_MOC_VMS_MDS_AHD: the Device.type of a PHG. */
    static final Coding PHG_TYPE = new Coding(MDC, "531981", "MDC_MOC_VMS_MDS_AHD");
    static final Coding FIRMWARE_VERSION = new Coding(MDC, "531976", "MDC_ID_PROD_SPEC_FW");
    static final Coding SOFTWARE_VERSION = new Coding(MDC, "531975", "MDC_ID_PROD_SPEC_SW");
    static final Coding TIME_SYNC_PROTOCOL = new Coding(MDC, "68220", "MDC_TIME_SYNC_PROTOCOL");
    /** systemd-timesyncd speaks SNTP (RFC 4330). */
    static final Coding TIME_SYNC_SNTP = new Coding(MDC, "532228", "MDC_TIME_SYNC_SNTPV4330");
    static final Coding TIME_SYNC_NONE = new Coding(MDC, "532224", "MDC_TIME_SYNC_NONE");
    /** Clock type of a coincident time stamp: absolute (wall-clock) time. */
    static final Coding TIME_ABS = new Coding(MDC, "67975", "MDC_ATTR_TIME_ABS");
    static final Coding BP_PANEL = new Coding(MDC, "150020", "MDC_PRESS_BLD_NONINV");
    static final Coding BTMAC = new Coding(CONTINUA_IDS, "BTMAC", "Bluetooth MAC address");
    static final Coding VITAL_SIGNS = new Coding(OBS_CATEGORY, "vital-signs", "Vital Signs");
    static final Coding PHD = new Coding(PHD_CATEGORY, "phd", "");
    static final Coding HTEST = new Coding(ACT_REASON, "HTEST", "test health data");
    static final Coding CAPILLARY_BLOOD = new Coding(SNOMED, "122554006", "Capillary blood specimen");

    /** Device specializations the hub maps devices to (MDC_DEV_SPEC_PROFILE_*). */
    static final Coding SPEC_BPM = new Coding(MDC, "528391", "MDC_DEV_SPEC_PROFILE_BPM");
    static final Coding SPEC_PULS_OXIM = new Coding(MDC, "528388", "MDC_DEV_SPEC_PROFILE_PULS_OXIM");
    static final Coding SPEC_SCALE = new Coding(MDC, "528399", "MDC_DEV_SPEC_PROFILE_SCALE");
    static final Coding SPEC_BCA = new Coding(MDC, "528404", "MDC_DEV_SPEC_PROFILE_BCA");
    static final Coding SPEC_TEMP = new Coding(MDC, "528392", "MDC_DEV_SPEC_PROFILE_TEMP");
    static final Coding SPEC_GLUCOSE = new Coding(MDC, "528401", "MDC_DEV_SPEC_PROFILE_GLUCOSE");
    static final Set<Coding> HUB_SPECIALIZATIONS = Set.of(SPEC_BPM, SPEC_PULS_OXIM, SPEC_SCALE, SPEC_BCA, SPEC_TEMP,
            SPEC_GLUCOSE);

    /** A FHIR Coding; an empty display is left out. */
    record Coding(String system, String code, String display) {
    }

    /** The FHIR R4 Vital Signs profile a measurement conforms to, with the LOINC code that profile requires. */
    record VitalSign(String profile, Coding loinc, String text) {
    }

    /** A status bit of an IEEE 11073 BITs attribute: ASN1ToHL7 code {@code attribute.bit}. */
    record StatusBit(long attribute, int bit, String display) {
        Coding coding() {
            return new Coding(ASN1, attribute + "." + bit, display);
        }
    }

    /** A BITs attribute (device or measurement status) and the flags that map onto its bits. */
    record StatusGroup(Coding code, String text, Map<StatusFlag, StatusBit> bits) {
    }

    private static final Map<MeasurementType, VitalSign> VITAL_SIGNS_BY_TYPE = new EnumMap<>(MeasurementType.class);
    private static final Map<MeasurementType, Coding> SPECIALIZATION = new EnumMap<>(MeasurementType.class);
    private static final Map<MeasurementType, String> TEXT = new EnumMap<>(MeasurementType.class);

    static {
        VitalSign heart = new VitalSign(FHIR_SD + "heartrate", new Coding(LOINC, "8867-4", "Heart rate"), "Heart rate");
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.PULSE_RATE_NONINV, heart);
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.PULSE_RATE_OXIMETER, heart);
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.SPO2, new VitalSign(FHIR_SD + "oxygensat",
                new Coding(LOINC, "2708-6", "Oxygen saturation in Arterial blood"), "Oxygen saturation"));
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.BODY_WEIGHT, new VitalSign(FHIR_SD + "bodyweight",
                new Coding(LOINC, "29463-7", "Body weight"), "Body weight"));
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.BODY_HEIGHT, new VitalSign(FHIR_SD + "bodyheight",
                new Coding(LOINC, "8302-2", "Body height"), "Body height"));
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.BMI, new VitalSign(FHIR_SD + "bmi",
                new Coding(LOINC, "39156-5", "Body mass index (BMI) [Ratio]"), "Body mass index"));
        VITAL_SIGNS_BY_TYPE.put(MeasurementType.BODY_TEMPERATURE, new VitalSign(FHIR_SD + "bodytemp",
                new Coding(LOINC, "8310-5", "Body temperature"), "Body temperature"));

        for (MeasurementType t : MeasurementType.values()) {
            SPECIALIZATION.put(t, switch (t) {
                case BP_SYSTOLIC, BP_DIASTOLIC, BP_MEAN, PULSE_RATE_NONINV -> SPEC_BPM;
                case SPO2, PULSE_RATE_OXIMETER -> SPEC_PULS_OXIM;
                case BODY_WEIGHT, BODY_HEIGHT, BMI -> SPEC_SCALE;
                case BODY_FAT -> SPEC_BCA;
                case BODY_TEMPERATURE -> SPEC_TEMP;
                case GLUCOSE_CAPILLARY_WHOLE_BLOOD, GLUCOSE_CAPILLARY_PLASMA -> SPEC_GLUCOSE;
            });
            TEXT.put(t, switch (t) {
                case BP_SYSTOLIC -> "Systolic blood pressure";
                case BP_DIASTOLIC -> "Diastolic blood pressure";
                case BP_MEAN -> "Mean blood pressure";
                case PULSE_RATE_NONINV, PULSE_RATE_OXIMETER -> "Pulse rate";
                case SPO2 -> "Oxygen saturation";
                case BODY_WEIGHT -> "Body weight";
                case BODY_HEIGHT -> "Body height";
                case BMI -> "Body mass index";
                case BODY_FAT -> "Body fat";
                case BODY_TEMPERATURE -> "Body temperature";
                case GLUCOSE_CAPILLARY_WHOLE_BLOOD -> "Glucose, capillary whole blood";
                case GLUCOSE_CAPILLARY_PLASMA -> "Glucose, capillary plasma";
            });
        }
    }

    static final StatusGroup BP_STATUS = new StatusGroup(new Coding(MDC, "8410608",
            "MDC_BLOOD_PRESSURE_MEASUREMENT_STATUS"), "Blood pressure measurement status", bits(8410608,
            StatusFlag.BODY_MOVEMENT, 0, "body-movement",
            StatusFlag.CUFF_TOO_LOOSE, 1, "cuff-too-loose",
            StatusFlag.IRREGULAR_PULSE, 2, "irregular-pulse",
            StatusFlag.PULSE_RATE_OUT_OF_RANGE, 3, "pulse-over-range-limit",
            StatusFlag.PULSE_RATE_BELOW_RANGE, 4, "pulse-under-range-limit",
            StatusFlag.IMPROPER_MEASUREMENT_POSITION, 5, "improper-body-position"));

    static final StatusGroup GLUCOSE_STATUS = new StatusGroup(new Coding(MDC, "8417752", ""),
            "Glucose meter device status", bits(8417752,
            StatusFlag.DEVICE_BATTERY_LOW, 0, "device-battery-low",
            StatusFlag.SENSOR_MALFUNCTION, 1, "sensor-malfunction",
            StatusFlag.SAMPLE_SIZE_INSUFFICIENT, 2, "sensor-sample-size-insufficient",
            StatusFlag.STRIP_INSERTION_ERROR, 3, "sensor-strip-insertion",
            StatusFlag.STRIP_TYPE_INCORRECT, 4, "sensor-strip-type-incorrect",
            StatusFlag.RESULT_ABOVE_RANGE, 5, "sensor-result-too-high",
            StatusFlag.RESULT_BELOW_RANGE, 6, "sensor-result-too-low",
            StatusFlag.TEMPERATURE_TOO_HIGH, 7, "sensor-temp-too-high",
            StatusFlag.TEMPERATURE_TOO_LOW, 8, "sensor-temp-too-low",
            StatusFlag.SENSOR_READ_INTERRUPTED, 9, "sensor-read-interrupt",
            StatusFlag.GENERAL_DEVICE_FAULT, 10, "device-gen-fault"));

    static final StatusGroup PLX_STATUS = new StatusGroup(new Coding(MDC, "150604", ""),
            "Pulse oximeter device and sensor status", bits(150604,
            StatusFlag.SENSOR_DISCONNECTED, 0, "sensor-disconnected",
            StatusFlag.SENSOR_MALFUNCTION, 1, "sensor-malfunction",
            StatusFlag.SENSOR_DISPLACEMENT, 2, "sensor-displaced",
            StatusFlag.UNKNOWN_SENSOR, 3, "sensor-unsupported",
            StatusFlag.SENSOR_UNCONNECTED, 4, "sensor-off",
            StatusFlag.SENSOR_INTERFERENCE, 5, "sensor-interference",
            StatusFlag.SIGNAL_ANALYSIS_ONGOING, 6, "signal-searching",
            StatusFlag.QUESTIONABLE_PULSE, 7, "signal-pulse-questionable",
            StatusFlag.NON_PULSATILE_SIGNAL, 8, "signal-non-pulsatile",
            StatusFlag.ERRATIC_SIGNAL, 9, "signal-erratic",
            StatusFlag.LOW_PERFUSION, 10, "signal-low-perfusion",
            StatusFlag.POOR_SIGNAL, 11, "signal-poor",
            StatusFlag.INADEQUATE_SIGNAL, 12, "signal-inadequate",
            StatusFlag.SIGNAL_PROCESSING_IRREGULARITY, 13, "signal-processing-irregularity",
            StatusFlag.EQUIPMENT_MALFUNCTION, 14, "device-equipment-malfunction",
            StatusFlag.EXTENDED_DISPLAY_UPDATE_ONGOING, 15, "device-extended-update"));

    private FhirCodes() {
    }

    static Optional<VitalSign> vitalSign(MeasurementType type, Unit unit) {
        VitalSign v = VITAL_SIGNS_BY_TYPE.get(type);
        return v == null || !type.accepts(unit) ? Optional.empty() : Optional.of(v);
    }

    static Coding specialization(MeasurementType type) {
        return SPECIALIZATION.get(type);
    }

    static String text(MeasurementType type) {
        return TEXT.get(type);
    }

    /** The status BITs attribute for a reading of these types: BP, glucose or pulse oximetry; empty otherwise. */
    static Optional<StatusGroup> statusGroup(Set<MeasurementType> types) {
        for (MeasurementType t : types) {
            switch (t) {
                case BP_SYSTOLIC, BP_DIASTOLIC, BP_MEAN, PULSE_RATE_NONINV -> {
                    return Optional.of(BP_STATUS);
                }
                case GLUCOSE_CAPILLARY_WHOLE_BLOOD, GLUCOSE_CAPILLARY_PLASMA -> {
                    return Optional.of(GLUCOSE_STATUS);
                }
                case SPO2, PULSE_RATE_OXIMETER -> {
                    return Optional.of(PLX_STATUS);
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private static Map<StatusFlag, StatusBit> bits(long attribute, Object... triples) {
        Map<StatusFlag, StatusBit> m = new EnumMap<>(StatusFlag.class);
        for (int i = 0; i < triples.length; i += 3) {
            m.put((StatusFlag) triples[i], new StatusBit(attribute, (Integer) triples[i + 1], (String) triples[i + 2]));
        }
        return Map.copyOf(m);
    }
}
