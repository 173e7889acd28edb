package org.vitalgate.ingest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.TrailingOctets;
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
 * @param trailingOctets   profile quirk: what to do with a value longer than its flags announce
 */
public record KnownDevice(DeviceIdentity identity, String patientKey, OptionalInt userSlot,
                          Map<String, String> codecByChannel, boolean deviceTimeIsUtc,
                          TrailingOctets trailingOctets) {
    public KnownDevice {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(userSlot, "userSlot");
        codecByChannel = Map.copyOf(codecByChannel);
        Objects.requireNonNull(trailingOctets, "trailingOctets");
    }

    /** A device whose values must match their flags exactly ({@link TrailingOctets#REJECT}, the default). */
    public KnownDevice(DeviceIdentity identity, String patientKey, OptionalInt userSlot,
                       Map<String, String> codecByChannel, boolean deviceTimeIsUtc) {
        this(identity, patientKey, userSlot, codecByChannel, deviceTimeIsUtc, TrailingOctets.REJECT);
    }

    public Optional<String> codecFor(String channel) {
        return Optional.ofNullable(codecByChannel.get(channel.toLowerCase(java.util.Locale.ROOT)));
    }
}
