package org.vitalgate.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A device provisioned to this hub, as held in the store's {@code devices} table. Immutable.
 *
 * @param address       Bluetooth address (upper case) or serial port path
 * @param profileId     the device profile that decodes it
 * @param patientKey    opaque enrollment key its readings belong to
 * @param userSlot      the user slot on a multi-user device, if the assignment is for one slot
 * @param provisionedAt when the assignment was (last) written
 */
public record DeviceAssignment(String address, String profileId, String patientKey, OptionalInt userSlot,
                               Instant provisionedAt) {
    public DeviceAssignment {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(userSlot, "userSlot");
        Objects.requireNonNull(provisionedAt, "provisionedAt");
        if (address.isBlank() || profileId.isBlank() || patientKey.isBlank()) {
            throw new IllegalArgumentException("address, profileId and patientKey must not be blank");
        }
        if (userSlot.isPresent() && (userSlot.getAsInt() < 0 || userSlot.getAsInt() > 255)) {
            throw new IllegalArgumentException("userSlot must be 0..255: " + userSlot.getAsInt());
        }
        address = normalize(address);
    }

    /** Bluetooth addresses are compared upper case; serial paths as given. */
    public static String normalize(String address) {
        return address.startsWith("/") ? address : address.toUpperCase(Locale.ROOT);
    }
}
