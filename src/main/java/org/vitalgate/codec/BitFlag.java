package org.vitalgate.codec;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** An enum constant naming one bit of a GATT flags or status field. */
public interface BitFlag {
    /** The bit index, 0 = least significant. */
    int bit();

    /** The constants of {@code type} whose bits are set in {@code raw}; unknown (reserved) bits are ignored. */
    static <E extends Enum<E> & BitFlag> Set<E> decode(long raw, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((raw >>> e.bit() & 1) != 0) {
                set.add(e);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /** The bits of {@code raw} not named by any constant of {@code type}. */
    static <E extends Enum<E> & BitFlag> long reserved(long raw, Class<E> type) {
        long known = 0;
        for (E e : type.getEnumConstants()) {
            known |= 1L << e.bit();
        }
        return raw & ~known;
    }
}
