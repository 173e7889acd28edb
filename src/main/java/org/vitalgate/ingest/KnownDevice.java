package org.vitalgate.ingest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.reading.DeviceIdentity;

/**
 * A device provisioned to this hub: who it is, whose readings it takes, and which codec decodes each of its
 * channels.
 *
 * @param identity         manufacturer, model, serial, firmware, profile
 * @param patientKey       opaque enrollment key the device is assigned to (no PHI on the hub)
 * @param userSlot         the device user slot assigned to that patient on multi-user devices, if any
 * @param codecByChannel   characteristic UUID (lower case, 128-bit) → codec id
 * @param deviceTimeIsUtc  profile quirk: the device clock runs in UTC rather than local wall-clock time
 */
public record KnownDevice(DeviceIdentity identity, String patientKey, OptionalInt userSlot,
                          Map<String, String> codecByChannel, boolean deviceTimeIsUtc) {
    public KnownDevice {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(userSlot, "userSlot");
        codecByChannel = Map.copyOf(codecByChannel);
    }

    public Optional<String> codecFor(String channel) {
        return Optional.ofNullable(codecByChannel.get(channel.toLowerCase(java.util.Locale.ROOT)));
    }
}
