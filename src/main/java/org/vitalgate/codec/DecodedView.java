package org.vitalgate.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.vitalgate.codec.gatt.GattDateTime;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Quantity;

/**
 * Renders a decoded value (a tree of records) as plain maps, lists and scalars for the CLI's JSON and for test
 * vectors: records become ordered maps of their public components; absent optionals become null; quantities,
 * decimals, date times, bytes (hex) and enums become strings; sets become sorted lists. Records of a sealed
 * hierarchy get a {@code kind} entry naming their type. Reads only public record accessors. Stateless.
 */
public final class DecodedView {
    private DecodedView() {
    }

    public static Object of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Optional<?> o) {
            return o.map(DecodedView::of).orElse(null);
        }
        if (value instanceof OptionalInt o) {
            return o.isPresent() ? o.getAsInt() : null;
        }
        if (value instanceof OptionalLong o) {
            return o.isPresent() ? o.getAsLong() : null;
        }
        if (value instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (value instanceof Quantity || value instanceof MderFloat || value instanceof GattDateTime
                || value instanceof TemporalAccessor || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Measurement m) {
            return m.type().name() + " " + m.quantity();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Bytes b) {
            return b.hex();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Set<?> s) {
            List<String> out = new ArrayList<>();
            s.forEach(e -> out.add(String.valueOf(of(e))));
            out.sort(null);
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(e -> out.add(of(e)));
            return out;
        }
        if (value instanceof Record r) {
            return record(r);
        }
        return value.toString();
    }

    private static Map<String, Object> record(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        Class<?> type = r.getClass();
        for (Class<?> i : type.getInterfaces()) {
            if (i.isSealed()) {
                out.put("kind", type.getSimpleName());
            }
        }
        for (RecordComponent c : type.getRecordComponents()) {
            try {
                out.put(c.getName(), of(c.getAccessor().invoke(r)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + type.getName() + "." + c.getName(), e);
            }
        }
        return out;
    }

    /**
     * Flattens a view into {@code path → string}: nested maps as {@code a.b}, lists of maps as {@code a[0].b},
     * lists of scalars joined by {@code "; "}, null as {@code "absent"}; a scalar view is keyed {@code value}.
     */
    public static Map<String, String> flatten(Object view) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(view instanceof Map || view instanceof List ? "" : "value", view, out);
        return out;
    }

    private static void flatten(String path, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, x, out));
        } else if (v instanceof List<?> l && l.stream().anyMatch(e -> e instanceof Map)) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out);
            }
        } else if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(e -> parts.add(String.valueOf(e)));
            out.put(path, String.join("; ", parts));
        } else {
            out.put(path, v == null ? "absent" : String.valueOf(v));
        }
    }
}
