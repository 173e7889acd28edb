package org.vitalgate.transport.ble;

import java.util.Optional;

/**
 * Decides which advertised devices get a session, with which profile and value encoders: only devices
 * provisioned to this hub (implemented by the composition root from the device registry + {@code ProfileMatcher}
 * + codec encoders). Called on the {@code ble-session} thread for every advertisement of a device not in a
 * session; must answer promptly.
 */
@FunctionalInterface
public interface SessionTargets {
    Optional<SessionTarget> targetFor(Advertisement advertisement);
}
