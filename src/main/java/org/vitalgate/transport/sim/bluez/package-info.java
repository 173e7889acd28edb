/**
 * A fake {@code bluetoothd} for running the BLE path without a radio: a private {@code dbus-daemon}
 * ({@link org.vitalgate.transport.sim.bluez.PrivateDbus}), BlueZ's documented D-Bus objects
 * ({@link org.vitalgate.transport.sim.bluez.FakeBluez}) and simulated peripherals
 * ({@link org.vitalgate.transport.sim.bluez.SimDevice} with {@link org.vitalgate.transport.sim.bluez.SimBehaviour}
 * firmware). Used by {@code vitalgate demo} and by the integration tests; never on a real hub's system bus.
 */
package org.vitalgate.transport.sim.bluez;
