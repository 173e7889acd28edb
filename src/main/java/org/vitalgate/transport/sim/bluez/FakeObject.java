package org.vitalgate.transport.sim.bluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * A fake BlueZ object: one object path, one BlueZ interface, its properties, and
 * {@code org.freedesktop.DBus.Properties} with {@code PropertiesChanged} signals. Thread-safe (synchronized).
 */
abstract class FakeObject implements Properties {
    final FakeBluez bluez;
    final String path;
    final String iface;
    private final Map<String, Variant<?>> props = new LinkedHashMap<>();

    FakeObject(FakeBluez bluez, String path, String iface) {
        this.bluez = bluez;
        this.path = path;
        this.iface = iface;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    synchronized Map<String, Variant<?>> snapshot() {
        return new LinkedHashMap<>(props);
    }

    synchronized Object value(String name) {
        Variant<?> v = props.get(name);
        return v == null ? null : v.getValue();
    }

    /** Sets a property without a signal (initial state). */
    synchronized void init(String name, Variant<?> value) {
        props.put(name, value);
    }

    /** Sets a property and emits PropertiesChanged if it changed. */
    void update(String name, Variant<?> value) {
        synchronized (this) {
            Variant<?> old = props.put(name, value);
            if (old != null && old.equals(value) && !"Value".equals(name)) {
                return;
            }
        }
        emitChanged(Map.of(name, value));
    }

    void emitChanged(Map<String, Variant<?>> changed) {
        try {
            bluez.emit(new PropertiesChanged(path, iface, changed, List.of()));
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a client may Set this property; subclasses override for writable ones. */
    boolean writable(String name) {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        checkInterface(interfaceName);
        Variant<?> v;
        synchronized (this) {
            v = props.get(propertyName);
        }
        if (v == null) {
            throw FakeBluez.error("org.freedesktop.DBus.Error.UnknownProperty", "No such property " + propertyName);
        }
        return (A) v;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        checkInterface(interfaceName);
        if (!writable(propertyName)) {
            throw FakeBluez.error("org.freedesktop.DBus.Error.PropertyReadOnly", propertyName + " is read-only");
        }
        Object raw = value instanceof Variant<?> v ? v.getValue() : value;
        onSet(propertyName, raw);
    }

    void onSet(String name, Object value) {
        if (value instanceof Boolean b) {
            update(name, new Variant<>(b));
        } else if (value instanceof String s) {
            update(name, new Variant<>(s));
        } else {
            throw FakeBluez.error("org.bluez.Error.InvalidArguments", "bad value for " + name);
        }
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        checkInterface(interfaceName);
        return snapshot();
    }

    private void checkInterface(String interfaceName) {
        if (!iface.equals(interfaceName)) {
            throw FakeBluez.error("org.freedesktop.DBus.Error.UnknownInterface", interfaceName);
        }
    }

    static DBusExecutionException notImplemented() {
        return FakeBluez.error("org.bluez.Error.NotSupported", "not simulated");
    }
}
