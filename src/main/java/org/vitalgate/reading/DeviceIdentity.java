package org.vitalgate.reading;

import java.util.Objects;
import java.util.Optional;

/**
 * Which physical device produced a reading: transport address (BT MAC or serial port id), manufacturer,
 * model, serial number and firmware where they are known (from the device's Device Information or a model
 * profile; never a placeholder), and the device profile that decoded it.
 */
public record DeviceIdentity(
        Transport transport,
        String address,
        Optional<String> manufacturer,
        Optional<String> model,
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
        manufacturer = manufacturer.filter(m -> !m.isBlank());
        model = model.filter(m -> !m.isBlank());
    }

    /** With a known manufacturer and model (blank means unknown). */
    public DeviceIdentity(Transport transport, String address, String manufacturer, String model,
                          Optional<String> serialNumber, Optional<String> firmware, String profileId) {
        this(transport, address, Optional.of(Objects.requireNonNull(manufacturer, "manufacturer")),
                Optional.of(Objects.requireNonNull(model, "model")), serialNumber, firmware, profileId);
    }
}
