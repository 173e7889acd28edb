package org.vitalgate.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.codec.gatt.dis.DeviceInformationString;
import org.vitalgate.profile.CharacteristicSpec;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Transport;
import org.vitalgate.store.DeviceAssignment;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreException;

/**
 * The devices provisioned to this hub, from the store's {@code devices} table (held in memory by the store and
 * written through, so a lookup never touches SQLite nor waits for the store writer), each decoded with the codecs its
 * {@link DeviceProfile} names. A device's identity starts as the profile's manufacturer and model and takes the
 * Device Information strings (manufacturer, model, serial, firmware) once the device has sent them; such texts are
 * cleaned of control characters and cut to {@value #MAX_TEXT} characters (the payload limit). A device whose
 * profile is not loaded is treated as not provisioned (logged once). Thread-safe.
 */
public final class ProvisionedDirectory implements DeviceDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedDirectory.class);
    /** Longest device text a reading may carry (json-v1 device strings). */
    static final int MAX_TEXT = 64;
    /** Device Information strings, decoded even when a profile does not list them. */
    private static final Map<String, String> DIS_CODECS = Map.of(
            uuid16(0x2A29), "gatt.dis.manufacturer-name", uuid16(0x2A24), "gatt.dis.model-number",
            uuid16(0x2A25), "gatt.dis.serial-number", uuid16(0x2A26), "gatt.dis.firmware-revision");

    private final SqliteStore store;
    private final Map<String, DeviceProfile> profiles;
    private final Map<String, Map<DeviceInformationString.Field, String>> info = new ConcurrentHashMap<>();
    private final Map<String, DeviceAssignment> lastKnown = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ProvisionedDirectory(SqliteStore store, List<DeviceProfile> profiles) {
        this.store = Objects.requireNonNull(store, "store");
        Map<String, DeviceProfile> byId = new HashMap<>();
        profiles.forEach(p -> byId.put(p.id(), p));
        this.profiles = Map.copyOf(byId);
    }

    /** The assignment of {@code address}, if provisioned; a failing store answers from the last good lookup. */
    public Optional<DeviceAssignment> assignment(String address) {
        String key = DeviceAssignment.normalize(address);
        try {
            Optional<DeviceAssignment> a = store.findDevice(key);
            if (a.isPresent()) {
                lastKnown.put(key, a.get());
            } else {
                lastKnown.remove(key);
            }
            return a;
        } catch (StoreException e) {
            LOG.warn("device lookup of {} failed ({}); using the last known assignment", key, e.getMessage());
            return Optional.ofNullable(lastKnown.get(key));
        }
    }

    /** The loaded profile named by {@code address}'s assignment, if the device is provisioned. */
    public Optional<DeviceProfile> profileOf(String address) {
        return assignment(address).flatMap(a -> profile(a));
    }

    public Optional<DeviceProfile> profile(String profileId) {
        return Optional.ofNullable(profiles.get(profileId));
    }

    private Optional<DeviceProfile> profile(DeviceAssignment a) {
        DeviceProfile p = profiles.get(a.profileId());
        if (p == null && warned.add(a.address() + "#" + a.profileId())) {
            LOG.warn("device {} is provisioned with profile '{}', which is not loaded: its data is not taken",
                    a.address(), a.profileId());
        }
        return Optional.ofNullable(p);
    }

    @Override
    public Optional<KnownDevice> lookup(String address) {
        Optional<DeviceAssignment> found = assignment(address);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeviceAssignment a = found.get();
        return profile(a).map(p -> known(a, p));
    }

    private KnownDevice known(DeviceAssignment a, DeviceProfile p) {
        Map<DeviceInformationString.Field, String> dis = info.getOrDefault(a.address(), Map.of());
        DeviceIdentity identity = new DeviceIdentity(a.address().startsWith("/") ? Transport.SERIAL : Transport.BLE,
                a.address(),
                Optional.ofNullable(dis.get(DeviceInformationString.Field.MANUFACTURER_NAME))
                        .or(() -> profileManufacturer(p)),
                Optional.ofNullable(dis.get(DeviceInformationString.Field.MODEL_NUMBER)).or(() -> profileModel(p)),
                Optional.ofNullable(dis.get(DeviceInformationString.Field.SERIAL_NUMBER)),
                Optional.ofNullable(dis.get(DeviceInformationString.Field.FIRMWARE_REVISION)),
                p.id());
        Map<String, String> codecs = new HashMap<>(DIS_CODECS);
        for (CharacteristicSpec c : p.characteristics()) {
            c.codec().ifPresent(id -> codecs.put(c.uuid().toLowerCase(Locale.ROOT), id));
        }
        return new KnownDevice(identity, a.patientKey(), a.userSlot(), codecs, p.quirks().deviceTimeIsUtc(),
                p.quirks().trailingOctets());
    }

    /**
     * A generic profile names no manufacturer ("any") and its "model" is the service it matches (e.g. "Pulse
     * Oximeter Service"): such a device's make and model are unknown until it says (Device Information), and
     * unknown is left out of the reading, never replaced by a placeholder.
     */
    private static Optional<String> profileManufacturer(DeviceProfile p) {
        return generic(p) ? Optional.empty() : text(p.manufacturer());
    }

    private static Optional<String> profileModel(DeviceProfile p) {
        return generic(p) ? Optional.empty() : text(p.model());
    }

    private static boolean generic(DeviceProfile p) {
        return p.manufacturer().equalsIgnoreCase("any");
    }

    /** Ingest: the device sent a Device Information string; later readings carry it in their identity. */
    @Override
    public void deviceInformation(String address, DeviceInformationString value) {
        Optional<String> t = text(value.text());
        if (t.isEmpty()) {
            return;
        }
        info.computeIfAbsent(DeviceAssignment.normalize(address), k -> new ConcurrentHashMap<>())
                .put(value.field(), t.get());
    }

    /** Control characters removed, trimmed, at most {@value #MAX_TEXT} code points; empty if nothing is left. */
    static Optional<String> text(String raw) {
        String s = raw.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().trim();
        if (s.codePointCount(0, s.length()) > MAX_TEXT) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_TEXT)).trim();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String uuid16(int u) {
        return String.format(Locale.ROOT, "0000%04x-0000-1000-8000-00805f9b34fb", u);
    }
}
