package org.vitalgate.uplink.payload;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Quantity.SpecialValue;
import org.vitalgate.reading.StatusFlag;

/**
 * Wire names of the reading model's enums: kebab-case of the constant ({@code BP_SYSTOLIC} →
 * {@code bp-systolic}, {@code IRREGULAR_PULSE} → {@code irregular-pulse}), and the data-absent codes of
 * IEEE 11073 specials. Computed once; thread-safe.
 */
public final class WireNames {
    private static final Map<MeasurementType, String> TYPES = kebab(MeasurementType.class);
    private static final Map<StatusFlag, String> FLAGS = kebab(StatusFlag.class);
    private static final Map<SpecialValue, String> SPECIALS = new EnumMap<>(Map.of(
            SpecialValue.NAN, "nan",
            SpecialValue.NRES, "nres",
            SpecialValue.POSITIVE_INFINITY, "+inf",
            SpecialValue.NEGATIVE_INFINITY, "-inf",
            SpecialValue.RESERVED, "reserved"));

    private WireNames() {
    }

    public static String of(MeasurementType type) {
        return TYPES.get(type);
    }

    public static String of(StatusFlag flag) {
        return FLAGS.get(flag);
    }

    public static String of(SpecialValue special) {
        return SPECIALS.get(special);
    }

    /** The enum constant whose wire name is {@code wire}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            String name = type == SpecialValue.class ? SPECIALS.get(e) : kebab(e.name());
            if (name.equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + wire);
    }

    private static <E extends Enum<E>> Map<E, String> kebab(Class<E> type) {
        Map<E, String> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, kebab(e.name()));
        }
        return m;
    }

    private static String kebab(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
