package org.vitalgate.transport.sim.bluez;

import java.util.List;
import java.util.Map;
import org.bluez.GattCharacteristic1;
import org.bluez.datatypes.TwoTuple;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/** org.bluez.GattCharacteristic1 of a fake device. Thread-safe. */
final class FakeCharacteristic extends FakeObject implements GattCharacteristic1 {
    final FakeDevice device;
    final String uuid;
    final List<String> flags;

    FakeCharacteristic(FakeBluez bluez, FakeDevice device, String path, String servicePath,
                       SimDevice.Characteristic spec) {
        super(bluez, path, "org.bluez.GattCharacteristic1");
        this.device = device;
        this.uuid = spec.uuid();
        this.flags = spec.flags();
        init("UUID", new Variant<>(uuid));
        init("Service", new Variant<>(new DBusPath(servicePath)));
        init("Value", new Variant<>(spec.initialValue(), "ay"));
        init("Notifying", new Variant<>(false));
        init("Flags", new Variant<>(flags.toArray(String[]::new), "as"));
    }

    boolean notifying() {
        return Boolean.TRUE.equals(value("Notifying"));
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        device.requireConnected();
        if (!flags.contains("read")) {
            throw FakeBluez.error("org.bluez.Error.NotPermitted", "Read not permitted");
        }
        byte[] v = device.onRead(uuid).orElseGet(() -> (byte[]) value("Value"));
        // bluetoothd updates the cached Value on every read, which emits PropertiesChanged like a notification
        send(v);
        return v;
    }

    @Override
    public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
        device.requireConnected();
        Variant<?> type = options.get("type");
        String t = type == null ? "request" : String.valueOf(type.getValue());
        boolean ok = "command".equals(t) ? flags.contains("write-without-response") : flags.contains("write");
        if (!ok) {
            throw FakeBluez.error("org.bluez.Error.NotPermitted", "Write (" + t + ") not permitted");
        }
        device.onWrite(uuid, value.clone());
    }

    @Override
    public TwoTuple<FileDescriptor, UInt16> AcquireWrite(Map<String, Variant<?>> options) {
        throw notImplemented();
    }

    @Override
    public TwoTuple<FileDescriptor, UInt16> AcquireNotify(Map<String, Variant<?>> options) {
        throw notImplemented();
    }

    @Override
    public void StartNotify() {
        device.requireConnected();
        if (!flags.contains("notify") && !flags.contains("indicate")) {
            throw FakeBluez.error("org.bluez.Error.NotSupported", "Notify not supported");
        }
        if (notifying()) {
            return;
        }
        update("Notifying", new Variant<>(true));
        device.onNotifyStarted(uuid);
    }

    @Override
    public void StopNotify() {
        if (!notifying()) {
            throw FakeBluez.error("org.bluez.Error.Failed", "No notify session started");
        }
        update("Notifying", new Variant<>(false));
    }

    @Override
    public void Confirm() {
        // indication confirmations are implicit in the fake
    }

    /** Device-side notify: updates Value and emits PropertiesChanged, as bluetoothd does. */
    void send(byte[] value) {
        update("Value", new Variant<>(value.clone(), "ay"));
    }
}
