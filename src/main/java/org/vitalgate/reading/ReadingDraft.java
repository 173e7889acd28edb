package org.vitalgate.reading;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A reading as ingest builds it, before the store has committed it and assigned its {@code seq}.
 *
 * @param id                 unique id generated once at the hub
 * @param dedupKey           deterministic key: a device re-sending its memory produces the same key
 * @param device             which device measured it
 * @param patientKey         the opaque enrollment key the device was assigned to at measurement time
 * @param userSlot           the device's user slot (multi-user cuffs and scales), if it reports one
 * @param deviceRecordNumber the device's own record/sequence number, where it has one (glucose meters)
 * @param time               the time chain
 * @param measurements       at least one measurement
 * @param flags              device status flags, verbatim
 * @param origin             acquisition modality
 */
public record ReadingDraft(
        ReadingId id,
        String dedupKey,
        DeviceIdentity device,
        String patientKey,
        OptionalInt userSlot,
        OptionalLong deviceRecordNumber,
        TimeChain time,
        List<Measurement> measurements,
        Set<StatusFlag> flags,
        Origin origin) {

    public ReadingDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(userSlot, "userSlot");
        Objects.requireNonNull(deviceRecordNumber, "deviceRecordNumber");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(origin, "origin");
        measurements = List.copyOf(measurements);
        flags = Set.copyOf(flags);
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("a reading needs at least one measurement");
        }
        if (patientKey.isBlank()) {
            throw new IllegalArgumentException("patientKey is blank");
        }
    }

    /** The committed reading with the per-hub sequence number the store assigned. */
    public Reading committed(long seq) {
        return new Reading(seq, this);
    }

    public Optional<Measurement> measurement(MeasurementType type) {
        return measurements.stream().filter(m -> m.type() == type).findFirst();
    }
}
