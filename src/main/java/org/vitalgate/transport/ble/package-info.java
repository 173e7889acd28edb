/**
 * BLE transport over BlueZ's D-Bus API: {@link org.vitalgate.transport.ble.BluezBleLink} (discovery, connections,
 * GATT, notifications as {@link org.vitalgate.transport.RawFrame}s, the pairing agent) and
 * {@link org.vitalgate.transport.ble.BleSessionManager} (per-device sessions from device profiles' transport-level
 * facts; the values written come from the composition root through {@link org.vitalgate.transport.ble.SessionTarget}).
 * Never imports codec, store or uplink; library callbacks only enqueue.
 *
 * <p>Nothing in this package is null across its API: absent values are {@link java.util.Optional}s and
 * constructors reject {@code null} with the argument's name.
 */
package org.vitalgate.transport.ble;
