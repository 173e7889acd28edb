package org.vitalgate.transport.ble;

import java.util.OptionalInt;

/**
 * Supplies the 6-digit passkey a device shows on its display, as typed by a technician (CLI/API/config).
 * Called on a D-Bus method-call thread while BlueZ waits for the answer: must answer promptly.
 */
@FunctionalInterface
public interface PasskeyProvider {
    /** The passkey for {@code address} (0..999999), or empty if none was supplied (pairing is cancelled). */
    OptionalInt passkeyFor(String address);

    static PasskeyProvider none() {
        return address -> OptionalInt.empty();
    }
}
