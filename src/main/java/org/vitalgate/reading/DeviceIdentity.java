package org.vitalgate.reading;

import java.util.Objects;
import java.util.Optional;

/**
 * Which physical device produced a reading: transport address (BT MAC or serial port id), manufacturer,
 * model, serial number and firmware where the device reports them, and the device profile that decoded it.
 */
public record DeviceIdentity(
        Transport transport,
        String address,
        String manufacturer,
        String model,
        Optional<String> serialNumber,
        Optional<String> firmware,
        String profileId) {

    public DeviceIdentity {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(profileId, "profileId");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address is blank");
        }
    }
}
