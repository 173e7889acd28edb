package org.vitalgate.store;

import java.util.Objects;
import org.vitalgate.reading.Reading;

/** What the store did with a submitted reading draft, once its transaction committed. */
public sealed interface Acceptance permits Acceptance.Accepted, Acceptance.Duplicate {

    /** Stored durably with a new seq; the device's memory pointer may now advance. */
    record Accepted(Reading reading) implements Acceptance {
        public Accepted {
            Objects.requireNonNull(reading, "reading");
        }
    }

    /**
     * Already stored earlier (same de-duplication key): nothing new was written, no seq consumed. The device's
     * memory pointer may advance too: the reading is safe.
     *
     * @param existingSeq seq of the reading stored under this key
     */
    record Duplicate(String dedupKey, long existingSeq) implements Acceptance {
        public Duplicate {
            Objects.requireNonNull(dedupKey, "dedupKey");
        }
    }
}
