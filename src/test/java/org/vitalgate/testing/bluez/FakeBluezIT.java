package org.vitalgate.testing.bluez;

import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.PrivateDbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.junit.jupiter.api.Test;

/** The harness itself: a real dbus-daemon, the fake owning org.bluez, BlueZ error names on the wire. */
class FakeBluezIT {

    @Test
    void exportsAdapterAndSpeaksBluezErrorsAndRestartsUnderANewOwner() throws Exception {
        try (PrivateDbus bus = PrivateDbus.start();
             FakeBluez bluez = FakeBluez.start(bus.address());
             DBusConnection client = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            ObjectManager om = client.getRemoteObject("org.bluez", "/", ObjectManager.class);
            Map<DBusPath, ?> objects = om.GetManagedObjects();
            assertThat(objects.keySet()).extracting(DBusPath::getPath).contains("/org/bluez/hci0");

            Properties props = client.getRemoteObject("org.bluez", "/org/bluez/hci0", Properties.class);
            assertThat((Object) props.Get("org.bluez.Adapter1", "Powered")).isEqualTo(true);

            Adapter1 adapter = client.getRemoteObject("org.bluez", "/org/bluez/hci0", Adapter1.class);
            assertThatThrownBy(adapter::StopDiscovery)
                    .isInstanceOfSatisfying(DBusExecutionException.class,
                            e -> assertThat(e.getClass().getName()).isEqualTo("org.bluez.Error$Failed"));
            // what another D-Bus client (bluetoothctl, dbus-send) sees on the wire
            Process send = new ProcessBuilder("dbus-send", "--bus=" + bus.address(), "--print-reply",
                    "--dest=org.bluez", "/org/bluez/hci0", "org.bluez.Adapter1.StopDiscovery")
                    .redirectErrorStream(true).start();
            String out = new String(send.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            send.waitFor();
            assertThat(out).contains("org.bluez.Error.Failed");

            DBus dbus = client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            String before = dbus.GetNameOwner("org.bluez");
            bluez.restartDaemon();
            String after = dbus.GetNameOwner("org.bluez");
            assertThat(after).isNotEqualTo(before).startsWith(":");
        }
    }
}
