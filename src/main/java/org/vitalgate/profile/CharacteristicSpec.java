package org.vitalgate.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One characteristic a profile uses.
 *
 * @param uuid    128-bit lower-case UUID
 * @param service owning service when the same characteristic exists in several (e.g. 0x2A08), 128-bit
 * @param modes   how it is used (one or more)
 * @param codec   codec id decoding its values; absent only for control characteristics (written to, and
 *                possibly indicating responses the session consumes, e.g. RACP)
 */
public record CharacteristicSpec(String uuid, Optional<String> service, Set<Mode> modes, Optional<String> codec) {
    /** How the hub uses the characteristic. */
    public enum Mode { NOTIFY, INDICATE, READ, WRITE }

    public CharacteristicSpec {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(service, "service");
        modes = Set.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("modes must not be empty");
        }
        Objects.requireNonNull(codec, "codec");
    }

    public boolean has(Mode mode) {
        return modes.contains(mode);
    }

    /** Whether StartNotify applies (notify or indicate). */
    public boolean subscribable() {
        return modes.contains(Mode.NOTIFY) || modes.contains(Mode.INDICATE);
    }
}
