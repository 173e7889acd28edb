package org.vitalgate.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One device model, as loaded from {@code device-profiles/<id>.yaml}. Immutable.
 *
 * @param schema          profile schema version (currently 1)
 * @param id              unique model id, e.g. {@code and-ua651ble}
 * @param manufacturer    human-readable manufacturer
 * @param model           human-readable model
 * @param transport       always {@code ble} for now
 * @param match           how advertisements are recognised
 * @param bonding         pairing requirement and method
 * @param onConnect       ordered steps after services are resolved
 * @param characteristics every characteristic used, with its codec id
 * @param quirks          typed quirk flags
 * @param notes           free text for technicians
 */
public record DeviceProfile(int schema, String id, String manufacturer, String model, String transport,
                            BleMatch match, Bonding bonding, List<ConnectAction> onConnect,
                            List<CharacteristicSpec> characteristics, Quirks quirks, Optional<String> notes) {
    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(bonding, "bonding");
        onConnect = List.copyOf(onConnect);
        characteristics = List.copyOf(characteristics);
        Objects.requireNonNull(quirks, "quirks");
        Objects.requireNonNull(notes, "notes");
    }

    /** The characteristic spec for {@code uuid} (128-bit lower-case). */
    public Optional<CharacteristicSpec> characteristic(String uuid) {
        return characteristics.stream().filter(c -> c.uuid().equals(uuid)).findFirst();
    }

    /**
     * Whether a session with this device writes its clock or fetches its stored records: such a session waits
     * until the hub clock is synchronized (design.md "Time chain rules": a wrong clock is never written into a
     * device, and the device keeps its data meanwhile).
     */
    public boolean needsSynchronizedHubClock() {
        return onConnect.stream().anyMatch(a -> a instanceof ConnectAction.RacpFetch
                || a instanceof ConnectAction.SetClock && !quirks.doNotOverwriteClock());
    }

    /** Codec id for frames on channel {@code uuid}, if the profile decodes that characteristic. */
    public Optional<String> codecFor(String uuid) {
        return characteristic(uuid).flatMap(CharacteristicSpec::codec);
    }
}
