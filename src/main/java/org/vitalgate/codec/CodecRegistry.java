package org.vitalgate.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.gatt.bas.BatteryLevelParser;
import org.vitalgate.codec.gatt.bcs.BodyCompositionFeatureParser;
import org.vitalgate.codec.gatt.bcs.BodyCompositionMapper;
import org.vitalgate.codec.gatt.bcs.BodyCompositionMeasurementParser;
import org.vitalgate.codec.gatt.bps.BloodPressureFeatureParser;
import org.vitalgate.codec.gatt.bps.BloodPressureMapper;
import org.vitalgate.codec.gatt.bps.BloodPressureMeasurementParser;
import org.vitalgate.codec.gatt.bps.IntermediateCuffPressureParser;
import org.vitalgate.codec.gatt.cts.CurrentTimeParser;
import org.vitalgate.codec.gatt.cts.DateTimeParser;
import org.vitalgate.codec.gatt.cts.TimeParsers;
import org.vitalgate.codec.gatt.dis.DeviceInformationString.Field;
import org.vitalgate.codec.gatt.dis.DeviceInformationStringParser;
import org.vitalgate.codec.gatt.dis.RegulatoryCertificationDataListParser;
import org.vitalgate.codec.gatt.dis.SystemIdParser;
import org.vitalgate.codec.vendor.jumper.JumperOximetryMapper;
import org.vitalgate.codec.vendor.jumper.JumperOximetryParser;
import org.vitalgate.codec.vendor.nonin.NoninContinuousOximetryParser;
import org.vitalgate.codec.vendor.nonin.NoninOximetryMapper;
import org.vitalgate.codec.gatt.gls.GlucoseFeatureParser;
import org.vitalgate.codec.gatt.gls.GlucoseMapper;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementContextParser;
import org.vitalgate.codec.gatt.gls.GlucoseMeasurementParser;
import org.vitalgate.codec.gatt.gls.RecordAccessControlPointParser;
import org.vitalgate.codec.gatt.hts.MeasurementIntervalParser;
import org.vitalgate.codec.gatt.hts.TemperatureMapper;
import org.vitalgate.codec.gatt.hts.TemperatureMeasurementParser;
import org.vitalgate.codec.gatt.hts.TemperatureTypeParser;
import org.vitalgate.codec.gatt.plxs.PlxContinuousMeasurementParser;
import org.vitalgate.codec.gatt.plxs.PlxFeaturesParser;
import org.vitalgate.codec.gatt.plxs.PlxMapper;
import org.vitalgate.codec.gatt.plxs.PlxSpotCheckMeasurementParser;
import org.vitalgate.codec.gatt.wss.WeightMapper;
import org.vitalgate.codec.gatt.wss.WeightMeasurementParser;
import org.vitalgate.codec.gatt.wss.WeightScaleFeatureParser;

/**
 * Maps codec ids and GATT UUIDs (16-bit {@code 2A35} / {@code 0x2A35} or the full 128-bit string) to codecs.
 * Built once (duplicate ids or UUIDs fail the build with {@link IllegalStateException}); lookups are plain map
 * reads, no reflection. Immutable; thread-safe.
 */
public final class CodecRegistry {
    private final Map<String, Codec<?>> byId;
    private final Map<Integer, Codec<?>> byUuid;
    private final Map<String, Codec<?>> byVendorUuid;

    private CodecRegistry(Map<String, Codec<?>> byId, Map<Integer, Codec<?>> byUuid,
                          Map<String, Codec<?>> byVendorUuid) {
        this.byId = Collections.unmodifiableMap(byId);
        this.byUuid = Collections.unmodifiableMap(byUuid);
        this.byVendorUuid = Collections.unmodifiableMap(byVendorUuid);
    }

    /** Every Bluetooth SIG characteristic vitalgate decodes, and the vendor characteristics (Nonin and Jumper
     * oximetry). */
    public static CodecRegistry standard() {
        return builder()
                .gatt(0x2A35, "gatt.bps.measurement", "Blood Pressure Measurement",
                        new BloodPressureMeasurementParser(), new BloodPressureMapper())
                .gatt(0x2A36, "gatt.bps.intermediate-cuff-pressure", "Intermediate Cuff Pressure",
                        new IntermediateCuffPressureParser())
                .gatt(0x2A49, "gatt.bps.feature", "Blood Pressure Feature", new BloodPressureFeatureParser())
                .gatt(0x2A18, "gatt.gls.measurement", "Glucose Measurement", new GlucoseMeasurementParser(),
                        new GlucoseMapper())
                .gatt(0x2A34, "gatt.gls.measurement-context", "Glucose Measurement Context",
                        new GlucoseMeasurementContextParser())
                .gatt(0x2A51, "gatt.gls.feature", "Glucose Feature", new GlucoseFeatureParser())
                .gatt(0x2A52, "gatt.racp", "Record Access Control Point", new RecordAccessControlPointParser())
                .gatt(0x2A1C, "gatt.hts.measurement", "Temperature Measurement",
                        TemperatureMeasurementParser.measurement(), new TemperatureMapper())
                .gatt(0x2A1E, "gatt.hts.intermediate-temperature", "Intermediate Temperature",
                        TemperatureMeasurementParser.intermediate())
                .gatt(0x2A1D, "gatt.hts.temperature-type", "Temperature Type", new TemperatureTypeParser())
                .gatt(0x2A21, "gatt.hts.measurement-interval", "Measurement Interval", new MeasurementIntervalParser())
                .gatt(0x2A9D, "gatt.wss.measurement", "Weight Measurement", new WeightMeasurementParser(),
                        new WeightMapper())
                .gatt(0x2A9E, "gatt.wss.feature", "Weight Scale Feature", new WeightScaleFeatureParser())
                .gatt(0x2A9C, "gatt.bcs.measurement", "Body Composition Measurement",
                        new BodyCompositionMeasurementParser(), BodyCompositionMapper.packets())
                .gatt(0x2A9B, "gatt.bcs.feature", "Body Composition Feature", new BodyCompositionFeatureParser())
                .gatt(0x2A5E, "gatt.plxs.spot-check", "PLX Spot-Check Measurement",
                        new PlxSpotCheckMeasurementParser(), PlxMapper.spotCheck())
                .gatt(0x2A5F, "gatt.plxs.continuous", "PLX Continuous Measurement",
                        new PlxContinuousMeasurementParser(), PlxMapper.continuous())
                .gatt(0x2A60, "gatt.plxs.features", "PLX Features", new PlxFeaturesParser())
                .gatt(0x2A2B, "gatt.cts.current-time", "Current Time", new CurrentTimeParser())
                .gatt(0x2A08, "gatt.common.datetime", "Date Time", new DateTimeParser())
                .gatt(0x2A0F, "gatt.cts.local-time-information", "Local Time Information",
                        new TimeParsers.LocalTimeInformationParser())
                .gatt(0x2A0E, "gatt.cts.time-zone", "Time Zone", new TimeParsers.TimeZoneParser())
                .gatt(0x2A0D, "gatt.cts.dst-offset", "DST Offset", new TimeParsers.DstOffsetParser())
                .gatt(0x2A19, "gatt.bas.battery-level", "Battery Level", new BatteryLevelParser())
                .gatt(0x2A29, "gatt.dis.manufacturer-name", "Manufacturer Name String",
                        new DeviceInformationStringParser(Field.MANUFACTURER_NAME))
                .gatt(0x2A24, "gatt.dis.model-number", "Model Number String",
                        new DeviceInformationStringParser(Field.MODEL_NUMBER))
                .gatt(0x2A25, "gatt.dis.serial-number", "Serial Number String",
                        new DeviceInformationStringParser(Field.SERIAL_NUMBER))
                .gatt(0x2A26, "gatt.dis.firmware-revision", "Firmware Revision String",
                        new DeviceInformationStringParser(Field.FIRMWARE_REVISION))
                .gatt(0x2A27, "gatt.dis.hardware-revision", "Hardware Revision String",
                        new DeviceInformationStringParser(Field.HARDWARE_REVISION))
                .gatt(0x2A28, "gatt.dis.software-revision", "Software Revision String",
                        new DeviceInformationStringParser(Field.SOFTWARE_REVISION))
                .gatt(0x2A23, "gatt.dis.system-id", "System ID", new SystemIdParser())
                .gatt(0x2A2A, "gatt.dis.regulatory-certification", "IEEE 11073-20601 Regulatory Certification Data List",
                        new RegulatoryCertificationDataListParser())
                .vendor(NoninContinuousOximetryParser.UUID, NoninContinuousOximetryParser.CODEC_ID,
                        "Nonin Continuous Oximetry", new NoninContinuousOximetryParser(), new NoninOximetryMapper())
                .vendor(JumperOximetryParser.UUID, JumperOximetryParser.CODEC_ID,
                        "Jumper Oximeter Result", new JumperOximetryParser(), new JumperOximetryMapper())
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Codec<?>> byId(String codecId) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(codecId, "codecId")));
    }

    /**
     * By {@code 2A35}, {@code 0x2A35} or {@code 00002a35-0000-1000-8000-00805f9b34fb} (any case), or by a vendor
     * characteristic's 128-bit UUID.
     */
    public Optional<Codec<?>> byUuid(String uuid) {
        OptionalInt u = GattUuid.parse16(uuid);
        return u.isPresent() ? byUuid(u.getAsInt())
                : Optional.ofNullable(byVendorUuid.get(uuid.toLowerCase(java.util.Locale.ROOT)));
    }

    public Optional<Codec<?>> byUuid(int uuid16) {
        return Optional.ofNullable(byUuid.get(uuid16));
    }

    /** All codecs in registration order. */
    public List<Codec<?>> codecs() {
        return List.copyOf(byId.values());
    }

    /** Collects codecs; {@link #build()} rejects duplicate ids and UUIDs. Not thread-safe. */
    public static final class Builder {
        private final List<Codec<?>> codecs = new ArrayList<>();

        public <T> Builder gatt(int uuid16, String id, String name, CharacteristicParser<T> parser) {
            codecs.add(new Codec<>(id, uuid16, name, parser, null));
            return this;
        }

        public <T> Builder gatt(int uuid16, String id, String name, CharacteristicParser<T> parser,
                                MeasurementMapper<T> mapper) {
            codecs.add(new Codec<>(id, uuid16, name, parser, Objects.requireNonNull(mapper, "mapper")));
            return this;
        }

        /** A vendor characteristic identified by its own 128-bit UUID. */
        public <T> Builder vendor(String uuid128, String id, String name, CharacteristicParser<T> parser,
                                  MeasurementMapper<T> mapper) {
            codecs.add(new Codec<>(id, uuid128, name, parser, mapper));
            return this;
        }

        public CodecRegistry build() {
            Map<String, Codec<?>> ids = new LinkedHashMap<>();
            Map<Integer, Codec<?>> uuids = new LinkedHashMap<>();
            Map<String, Codec<?>> vendorUuids = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            for (Codec<?> c : codecs) {
                if (ids.putIfAbsent(c.id(), c) != null) {
                    errors.add("duplicate codec id " + c.id());
                }
                if (c.uuid16() < 0) {
                    if (vendorUuids.putIfAbsent(c.uuid128(), c) != null) {
                        errors.add("duplicate UUID " + c.uuid128() + " (" + c.id() + ")");
                    }
                } else if (uuids.putIfAbsent(c.uuid16(), c) != null) {
                    errors.add("duplicate UUID " + GattUuid.toShort(c.uuid16()) + " (" + c.id() + ")");
                }
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException(String.join("; ", errors));
            }
            return new CodecRegistry(ids, uuids, vendorUuids);
        }
    }
}
