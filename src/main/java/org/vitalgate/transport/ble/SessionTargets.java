package org.vitalgate.transport.ble;

import java.util.Optional;
import org.vitalgate.profile.DeviceProfile;

/**
 * Decides which advertised devices get a session, and with which profile: only devices provisioned to this hub
 * (implemented by the composition root from the device registry + {@code ProfileMatcher}). Called on the
 * {@code ble-session} thread; must answer promptly.
 */
@FunctionalInterface
public interface SessionTargets {
    Optional<DeviceProfile> profileFor(Advertisement advertisement);
}
