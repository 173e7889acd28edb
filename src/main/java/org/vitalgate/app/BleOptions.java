package org.vitalgate.app;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.transport.ble.PasskeyProvider;
import org.vitalgate.transport.ble.SessionPolicy;

/**
 * How the agent reaches BlueZ beyond what the config file says: the D-Bus address (empty = the system bus; a
 * private bus for tests and the demo) and the session timing. Immutable.
 *
 * @param busAddress D-Bus address such as {@code unix:path=/tmp/x/bus}; empty for the system bus
 * @param policy     device session timing
 * @param passkeys   passkeys for devices that pair by passkey entry (asked only while the pairing window is open)
 */
public record BleOptions(Optional<String> busAddress, SessionPolicy policy, PasskeyProvider passkeys) {
    public BleOptions {
        Objects.requireNonNull(busAddress, "busAddress");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(passkeys, "passkeys");
    }

    /** The system bus and the default session timing. */
    public static BleOptions systemBus() {
        return new BleOptions(Optional.empty(), SessionPolicy.defaults(), address -> OptionalInt.empty());
    }
}
