package org.vitalgate.ingest;

import java.util.Optional;
import org.vitalgate.codec.gatt.dis.DeviceInformationString;

/** Which devices are provisioned to this hub. Implementations are thread-safe. */
@FunctionalInterface
public interface DeviceDirectory {
    /** The provisioned device at {@code address} (case-insensitive), or empty for a stranger. */
    Optional<KnownDevice> lookup(String address);

    /** A provisioned device reported a Device Information string; directories that track identity keep it. */
    default void deviceInformation(String address, DeviceInformationString value) {
    }
}
