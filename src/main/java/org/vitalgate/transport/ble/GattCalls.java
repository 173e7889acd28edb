package org.vitalgate.transport.ble;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The methods of {@code org.bluez.GattCharacteristic1} the link calls asynchronously (with a deadline) through
 * dbus-java's {@code callWithCallback}, which finds them by name and argument types.
 */
@DBusInterfaceName("org.bluez.GattCharacteristic1")
interface GattCalls extends DBusInterface {
    byte[] ReadValue(Map<String, Variant<?>> options);

    void WriteValue(byte[] value, Map<String, Variant<?>> options);

    void StartNotify();

    void StopNotify();
}
