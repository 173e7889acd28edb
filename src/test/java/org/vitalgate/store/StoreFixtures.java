package org.vitalgate.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.MeasurementType;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.reading.Transport;
import org.vitalgate.reading.Unit;

/** Drafts, encoders and a settable clock for the store tests. Not thread-safe except where noted. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private StoreFixtures() {
    }

    /** A clock tests move by hand. Thread-safe. */
    static class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    /** Payload: a tiny JSON with seq and id, padded to about {@code size} bytes. */
    static PayloadEncoder payloads(int size) {
        return r -> {
            String head = "{\"seq\":" + r.seq() + ",\"id\":\"" + r.id() + "\",\"pad\":\"";
            int pad = Math.max(0, size - head.length() - 2);
            return (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    static PayloadEncoder payloads() {
        return payloads(0);
    }

    static EventEncoder events() {
        return e -> ("{\"type\":\"" + e.type() + "\",\"id\":\"" + e.id() + "\",\"attributes\":\"" + new java.util.TreeMap<>(e.attributes())
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Event ids: E1, E2, ... Thread-safe. */
    static java.util.function.Supplier<String> eventIds() {
        AtomicLong n = new AtomicLong();
        return () -> "E" + n.incrementAndGet();
    }

    static StoreSettings settings(Path dir, long maxBytes, Duration window) {
        return new StoreSettings(dir.resolve("store.db"), maxBytes, 0, 90, 400, window, 1000);
    }

    static StoreSettings settings(Path dir) {
        return settings(dir, 64L << 20, Duration.ofMillis(2));
    }

    static SqliteStore open(StoreSettings s, Clock clock) throws StoreException {
        return SqliteStore.open(s, clock, payloads(), events(), eventIds());
    }

    /** Builds drafts with fresh ULIDs; {@code key} becomes the dedup key. */
    static final class Drafts {
        private final ReadingIds ids = new ReadingIds(Clock.systemUTC());

        ReadingDraft draft(String key) {
            return draft(key, "AA:BB:CC:DD:EE:01", OptionalLong.empty());
        }

        ReadingDraft draft(String key, String address, OptionalLong recordNumber) {
            DeviceIdentity device = new DeviceIdentity(Transport.BLE, address, "Acme", "BP200",
                    Optional.of("SN1"), Optional.empty(), "acme-bp200");
            return new ReadingDraft(ids.next(), key, device, "patient-1", OptionalInt.empty(), recordNumber,
                    TimeChain.receivedOnly(T0, HubClock.SYNCHRONIZED), List.of(Measurement.of(MeasurementType.BP_SYSTOLIC, "120", Unit.MMHG),
                    Measurement.of(MeasurementType.BP_DIASTOLIC, "80", Unit.MMHG)), Set.of(), Origin.SENSED);
        }
    }

    /** A second, independent connection to the store file (what a crash-restarted process would see). */
    static Connection independentConnection(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }
}
