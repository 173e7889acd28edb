package org.vitalgate.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A device assigned to this hub by the configuration file (until the CLI manages assignments).
 *
 * @param address    Bluetooth address {@code AA:BB:CC:DD:EE:FF} (upper case) or a serial port path under /dev/
 * @param profileId  the device profile that decodes it
 * @param patientKey the opaque enrollment key its readings belong to
 * @param userSlot   the user slot on a multi-user device, if this assignment is for one slot only
 */
public record ProvisionedDevice(String address, String profileId, String patientKey, OptionalInt userSlot) {
    public ProvisionedDevice {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(userSlot, "userSlot");
    }

    /** Whether the address is a serial port path rather than a Bluetooth address. */
    public boolean isSerial() {
        return address.startsWith("/");
    }
}
