package org.vitalgate.transport.sim.bluez;

import org.bluez.GattService1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** org.bluez.GattService1 of a fake device. Thread-safe. */
final class FakeGattService extends FakeObject implements GattService1 {
    FakeGattService(FakeBluez bluez, String path, String devicePath, String uuid) {
        super(bluez, path, "org.bluez.GattService1");
        init("UUID", new Variant<>(uuid));
        init("Device", new Variant<>(new DBusPath(devicePath)));
        init("Primary", new Variant<>(true));
    }
}
