package org.vitalgate.transport.ble;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.vitalgate.reading.Bytes;

/**
 * Converts D-Bus property values as dbus-java hands them over (arrays or lists, boxed or not, wrapped in
 * variants or not) to plain Java values. Unexpected shapes yield empty results, never exceptions. Stateless.
 */
final class DbusValues {
    private DbusValues() {
    }

    static Object unwrap(Object v) {
        Object x = v;
        while (x instanceof Variant<?> var) {
            x = var.getValue();
        }
        return x;
    }

    static Optional<Bytes> bytes(Object v) {
        Object x = unwrap(v);
        if (x instanceof byte[] b) {
            return Optional.of(Bytes.of(b));
        }
        if (x instanceof Byte[] b) {
            byte[] out = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i];
            }
            return Optional.of(Bytes.of(out));
        }
        if (x instanceof Collection<?> c) {
            byte[] out = new byte[c.size()];
            int i = 0;
            for (Object o : c) {
                if (!(o instanceof Number n)) {
                    return Optional.empty();
                }
                out[i++] = n.byteValue();
            }
            return Optional.of(Bytes.of(out));
        }
        return Optional.empty();
    }

    static Optional<String> string(Object v) {
        Object x = unwrap(v);
        if (x instanceof String s) {
            return Optional.of(s);
        }
        if (x instanceof DBusPath p) {
            return Optional.of(p.getPath());
        }
        return Optional.empty();
    }

    static boolean bool(Object v) {
        return Boolean.TRUE.equals(unwrap(v));
    }

    static Optional<Integer> integer(Object v) {
        Object x = unwrap(v);
        return x instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    static Set<String> uuids(Object v) {
        Object x = unwrap(v);
        Set<String> out = new LinkedHashSet<>();
        Iterable<?> items = x instanceof Object[] arr ? java.util.Arrays.asList(arr)
                : x instanceof Collection<?> c ? c : java.util.List.of();
        for (Object o : items) {
            if (o instanceof String s && GattUuid.isValid(s)) {
                out.add(GattUuid.normalize(s));
            }
        }
        return out;
    }

    static Map<Integer, Bytes> manufacturerData(Object v) {
        Object x = unwrap(v);
        Map<Integer, Bytes> out = new LinkedHashMap<>();
        if (x instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object k = e.getKey();
                int id = k instanceof UInt16 u ? u.intValue() : k instanceof Number n ? n.intValue() : -1;
                Optional<Bytes> data = bytes(e.getValue());
                if (id >= 0 && data.isPresent()) {
                    out.put(id, data.get());
                }
            }
        }
        return out;
    }
}
