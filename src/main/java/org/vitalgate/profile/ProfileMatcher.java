package org.vitalgate.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the profile for an advertisement. A profile matches when every criterion it states holds; among matches
 * the most specific wins: a name criterion (longer prefix / any pattern) beats a manufacturer id, which beats
 * service UUIDs alone, so a generic "any 0x1810 device" profile only applies when no model profile claims the
 * device. Ties are broken by profile id, so the choice is deterministic. Immutable; thread-safe.
 */
public final class ProfileMatcher {
    private final List<DeviceProfile> profiles;

    public ProfileMatcher(List<DeviceProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    /**
     * @param name            advertised name, if any
     * @param serviceUuids    advertised service UUIDs, 128-bit lower-case
     * @param manufacturerIds company ids present in the manufacturer data
     */
    public Optional<DeviceProfile> match(Optional<String> name, Set<String> serviceUuids, Set<Integer> manufacturerIds) {
        Objects.requireNonNull(name, "name");
        return profiles.stream()
                .filter(p -> score(p.match(), name, serviceUuids, manufacturerIds) > 0)
                .max(Comparator.<DeviceProfile>comparingInt(p -> score(p.match(), name, serviceUuids, manufacturerIds))
                        .thenComparing(DeviceProfile::id, Comparator.reverseOrder()));
    }

    /**
     * Service UUIDs for BlueZ's discovery filter, so that neighbours' devices never reach the hub: the union of all
     * profiles' match UUIDs, plus, for a profile that matches by name or manufacturer id only, the services its
     * characteristics name ({@code service:}), which such a device advertises (Nonin 3230: its Oximetry Service).
     * Empty (= no UUID filter, every advertisement) only while some profile gives no service UUID at all: a filter
     * would hide its devices; {@link #unfilterableProfiles()} names them.
     */
    public Set<String> discoveryServiceUuids() {
        if (!unfilterableProfiles().isEmpty()) {
            return Set.of();
        }
        return profiles.stream().flatMap(p -> discoveryUuidsOf(p).stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Profiles whose devices a service UUID filter would hide (no match UUID, no characteristic service). */
    public List<String> unfilterableProfiles() {
        return profiles.stream().filter(p -> discoveryUuidsOf(p).isEmpty()).map(DeviceProfile::id).sorted().toList();
    }

    private static Set<String> discoveryUuidsOf(DeviceProfile p) {
        if (!p.match().serviceUuids().isEmpty()) {
            return p.match().serviceUuids();
        }
        return p.characteristics().stream().flatMap(c -> c.service().stream())
                .map(u -> u.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** 0 when a stated criterion fails; otherwise a specificity score. */
    static int score(BleMatch m, Optional<String> name, Set<String> uuids, Set<Integer> manufacturerIds) {
        int score = 0;
        if (m.namePrefix().isPresent()) {
            if (name.isEmpty() || !name.get().startsWith(m.namePrefix().get())) {
                return 0;
            }
            score += 1000 + m.namePrefix().get().length();
        }
        if (m.namePattern().isPresent()) {
            if (name.isEmpty() || !m.namePattern().get().matcher(name.get().replace("\0", "").trim()).matches()) {
                return 0;
            }
            score += 1000;
        }
        if (m.manufacturerId().isPresent()) {
            if (!manufacturerIds.contains(m.manufacturerId().getAsInt())) {
                return 0;
            }
            score += 100;
        }
        if (!m.serviceUuids().isEmpty()) {
            long hits = m.serviceUuids().stream().filter(uuids::contains).count();
            if (hits == 0) {
                return 0;
            }
            score += 10 * (int) hits;
        }
        return score;
    }
}
