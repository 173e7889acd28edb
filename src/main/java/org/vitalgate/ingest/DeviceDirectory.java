package org.vitalgate.ingest;

import java.util.Optional;

/** Which devices are provisioned to this hub. Implementations are thread-safe. */
@FunctionalInterface
public interface DeviceDirectory {
    /** The provisioned device at {@code address} (case-insensitive), or empty for a stranger. */
    Optional<KnownDevice> lookup(String address);
}
