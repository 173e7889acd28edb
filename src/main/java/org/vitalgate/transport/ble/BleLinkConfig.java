package org.vitalgate.transport.ble;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link BluezBleLink} reaches BlueZ.
 *
 * @param busAddress      D-Bus address (e.g. {@code unix:path=/tmp/x}); empty = the system bus
 * @param adapter         adapter name, default {@code hci0}
 * @param agentPath       object path of our exported {@code org.bluez.Agent1}
 * @param agentCapability IO capability announced to BlueZ; default {@code KeyboardDisplay} (we can type a
 *                        passkey shown on a device, and log one BlueZ wants displayed)
 * @param powerOnAdapter  set {@code Powered=true} on an unpowered adapter when (re)initialising
 */
public record BleLinkConfig(Optional<String> busAddress, String adapter, String agentPath, String agentCapability,
                            boolean powerOnAdapter) {
    public BleLinkConfig {
        Objects.requireNonNull(busAddress, "busAddress");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(agentCapability, "agentCapability");
        if (!adapter.matches("hci[0-9]+")) {
            throw new IllegalArgumentException("adapter must look like hci0: " + adapter);
        }
    }

    /** System bus, hci0, {@code /org/vitalgate/agent}, KeyboardDisplay, no power-on. */
    public static BleLinkConfig systemBus() {
        return new BleLinkConfig(Optional.empty(), "hci0", "/org/vitalgate/agent", "KeyboardDisplay", false);
    }

    /** Same defaults on a given bus (tests, or a non-standard system bus socket). */
    public static BleLinkConfig onBus(String address) {
        return new BleLinkConfig(Optional.of(address), "hci0", "/org/vitalgate/agent", "KeyboardDisplay", false);
    }

    String adapterPath() {
        return "/org/bluez/" + adapter;
    }
}
