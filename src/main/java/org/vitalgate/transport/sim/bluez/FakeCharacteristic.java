package org.vitalgate.transport.sim.bluez;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bluez.GattCharacteristic1;
import org.bluez.datatypes.TwoTuple;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * org.bluez.GattCharacteristic1 of a fake device. Notification sessions belong to D-Bus clients, as in BlueZ 5.66
 * {@code src/gatt-client.c} ({@code notify_client} per sender): they survive a link loss (the device's GATT
 * database is cached, {@code Notifying} stays true and the CCCD is written again on the next link-up), end with
 * the client's {@code StopNotify} (accepted also while disconnected), when the client leaves the bus, or with
 * bluetoothd. A repeated {@code StartNotify} from the same client is a no-op success. Thread-safe.
 */
final class FakeCharacteristic extends FakeObject implements GattCharacteristic1 {
    final FakeDevice device;
    final String uuid;
    final List<String> flags;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

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

    /** bluetoothd went away: sessions and state are forgotten without signals. */
    void reset() {
        sessions.clear();
        init("Notifying", new Variant<>(false));
    }

    boolean hasSessions() {
        return !sessions.isEmpty();
    }

    /** The client left the bus (or bluetoothd forgets everything): its sessions end. */
    void dropSessions(String client) {
        if (client == null) {
            sessions.clear();
        } else {
            sessions.remove(client);
        }
        if (sessions.isEmpty() && notifying()) {
            update("Notifying", new Variant<>(false));
        }
    }

    private static String caller() {
        var info = AbstractConnectionBase.getCallInfo();
        return info == null ? "" : info.getSource();
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        device.requireConnected();
        if (!flags.contains("read")) {
            throw FakeBluez.error("org.bluez.Error.NotPermitted", "Read not permitted");
        }
        if (device.spec.takeDropDuring(uuid)) {
            // the link drops while the read is in flight: bluetoothd answers the pending request with what it has
            device.linkLost();
            return new byte[0];
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
        if (device.spec.takeDropDuring(uuid)) {
            // the link drops while the write is in flight; the reply still says success, the device got nothing
            device.linkLost();
            return;
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
        boolean first = sessions.isEmpty();
        if (!sessions.add(caller()) || !first) {
            return; // this client's session runs already / the CCCD is already on
        }
        update("Notifying", new Variant<>(true));
        device.onNotifyStarted(uuid);
    }

    @Override
    public void StopNotify() {
        if (!sessions.remove(caller())) {
            throw FakeBluez.error("org.bluez.Error.Failed", "No notify session started");
        }
        if (sessions.isEmpty()) {
            update("Notifying", new Variant<>(false));
        }
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
