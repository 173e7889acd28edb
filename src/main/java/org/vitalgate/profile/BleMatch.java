package org.vitalgate.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a profile recognises its model in an advertisement. Every criterion given must hold; at least one is given.
 *
 * @param namePrefix     advertised name starts with this
 * @param namePattern    advertised name matches this regular expression (whole name)
 * @param serviceUuids   at least one of these is advertised (128-bit lower-case); empty = not a criterion
 * @param manufacturerId company id present in the manufacturer data
 */
public record BleMatch(Optional<String> namePrefix, Optional<Pattern> namePattern, Set<String> serviceUuids,
                       OptionalInt manufacturerId) {
    public BleMatch {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(namePattern, "namePattern");
        serviceUuids = Set.copyOf(serviceUuids);
        Objects.requireNonNull(manufacturerId, "manufacturerId");
    }

    boolean hasNameCriterion() {
        return namePrefix.isPresent() || namePattern.isPresent();
    }
}
