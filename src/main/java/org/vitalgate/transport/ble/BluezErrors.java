package org.vitalgate.transport.ble;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** D-Bus error names of failed BlueZ calls, independent of how dbus-java mapped them to classes. Stateless. */
final class BluezErrors {
    private BluezErrors() {
    }

    /**
     * The D-Bus error name, e.g. {@code org.bluez.Error.Failed}. dbus-java reports known error names as the class
     * name ({@code org.bluez.Error$Failed}) and unknown ones verbatim; both are normalised to the wire form.
     */
    @SuppressWarnings("removal")
    static String name(Exception ex) {
        if (!(ex instanceof DBusExecutionException e)) {
            // a checked org.bluez.exceptions.Bluez*Exception declared by bluez-dbus's interfaces
            String simple = ex.getClass().getSimpleName();
            return simple.startsWith("Bluez") && simple.endsWith("Exception")
                    ? "org.bluez.Error." + simple.substring(5, simple.length() - 9)
                    : ex.getClass().getName();
        }
        String type = e.getType();
        if (type == null) {
            return e.getClass().getName().replace('$', '.');
        }
        return type.replace('$', '.').replace("org.freedesktop.dbus.errors.", "org.freedesktop.DBus.Error.");
    }
}
