package org.vitalgate.store;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.vitalgate.reading.ReadingDraft;

/** A unit of work queued for the store's writer thread. Immutable. */
sealed interface Job permits Job.Submit, Job.RecordEvent, Job.Stop {

    /** A reading draft and the future completed after its transaction. */
    record Submit(ReadingDraft draft, CompletableFuture<Acceptance> future) implements Job {
        public Submit {
            Objects.requireNonNull(draft, "draft");
            Objects.requireNonNull(future, "future");
        }
    }

    /** A diagnostic event (fire and forget). */
    record RecordEvent(Event event) implements Job {
        public RecordEvent {
            Objects.requireNonNull(event, "event");
        }
    }

    /** Sentinel: commit what is queued before it, then stop. */
    enum Stop implements Job {
        INSTANCE
    }
}
