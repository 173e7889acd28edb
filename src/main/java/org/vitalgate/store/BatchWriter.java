package org.vitalgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.ReadingDraft;

/**
 * Writes one group-commit batch inside the caller's transaction: for each draft the de-duplication check
 * (against stored keys and earlier drafts of the same batch), the next seq, the encoded payload, the outbox row,
 * the dedup key and the device cursor; then each event. A duplicate or a draft whose payload cannot be encoded
 * consumes no seq, so seqs stay gap-free. {@code meta.last_seq} is not written here: see {@link Meta#lastSeq}.
 *
 * <p>Not thread-safe: used under the store's monitor, on the writer thread or at open.
 */
final class BatchWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    static final String READINGS_TOPIC = "readings";
    static final String EVENTS_TOPIC = "events";

    /** The outcome of one draft, known inside the transaction, reported only after commit. */
    sealed interface Outcome permits Done, Failed {
    }

    record Done(Acceptance acceptance) implements Outcome {
    }

    record Failed(StoreException error) implements Outcome {
    }

    /** What a batch did: one outcome per draft (in order), the new last seq, events written and dropped. */
    record Result(List<Outcome> outcomes, long lastSeq, int eventsDropped) {
    }

    private final Connection conn;
    private final PayloadEncoder payloads;
    private final EventEncoder events;
    private final PreparedStatement findKey;
    private final PreparedStatement insertRow;
    private final PreparedStatement insertKey;
    private final PreparedStatement upsertCursor;

    BatchWriter(Connection conn, PayloadEncoder payloads, EventEncoder events) throws SQLException {
        this.conn = conn;
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        this.events = Objects.requireNonNull(events, "events");
        this.findKey = conn.prepareStatement("SELECT seq FROM dedup_key WHERE key = ?");
        this.insertRow = conn.prepareStatement("INSERT INTO outbox (lane, topic, payload, created_at, seq, reading_id,"
                + " dedup_key, device_address, patient_key, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertKey = conn.prepareStatement("INSERT INTO dedup_key (key, seq, created_at) VALUES (?, ?, ?)");
        // The meter's pointer follows the last committed record: moving it back only causes a re-fetch that
        // de-duplication absorbs, whereas a pointer stuck too far ahead would skip readings after a meter reset.
        this.upsertCursor = conn.prepareStatement("INSERT INTO device_cursor (address, last_record) VALUES (?, ?)"
                + " ON CONFLICT (address) DO UPDATE SET last_record = excluded.last_record");
    }

    /**
     * Writes {@code drafts} and {@code evs}; the caller wraps this in one transaction.
     *
     * @param holes per device address, the lowest record number that was not stored (refused or failed): the
     *              device's cursor never moves past it, so the meter is asked for it again; the entry is removed
     *              once that record is stored (or found stored). Updated here for drafts that fail to encode.
     */
    Result write(List<ReadingDraft> drafts, List<Event> evs, long lastSeq, long now, long extraDrops,
                 Map<String, Long> holes) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(drafts.size());
        Map<String, Long> batchKeys = new HashMap<>();
        long seq = lastSeq;
        for (ReadingDraft draft : drafts) {
            String key = draft.dedupKey();
            Long existing = batchKeys.containsKey(key) ? batchKeys.get(key) : storedSeq(key);
            if (existing != null) {
                advanceCursor(draft, holes);
                outcomes.add(new Done(new Acceptance.Duplicate(key, existing)));
                continue;
            }
            Reading reading = draft.committed(seq + 1);
            byte[] payload;
            try {
                payload = Objects.requireNonNull(payloads.encode(reading), "encoded payload");
            } catch (RuntimeException e) {
                LOG.error("cannot encode reading {}: {}", draft.id(), e.toString());
                outcomes.add(new Failed(new StoreException("cannot encode reading " + draft.id() + ": " + e, e)));
                recordHole(draft, holes);
                continue;
            }
            insertRow(Lane.CLINICAL, READINGS_TOPIC, payload, now, reading);
            insertKey.setString(1, key);
            insertKey.setLong(2, reading.seq());
            insertKey.setLong(3, now);
            insertKey.executeUpdate();
            advanceCursor(draft, holes);
            batchKeys.put(key, reading.seq());
            seq = reading.seq();
            outcomes.add(new Done(new Acceptance.Accepted(reading)));
        }
        int dropped = 0;
        for (Event e : evs) {
            if (!insertEvent(e, now)) {
                dropped++;
            }
        }
        Meta.add(conn, Meta.DROPPED_EVENTS, dropped + extraDrops);
        return new Result(outcomes, seq, dropped);
    }

    /** Inserts one event row; false (and nothing written) if the event encoder fails. */
    boolean insertEvent(Event e, long now) throws SQLException {
        byte[] payload;
        try {
            payload = Objects.requireNonNull(events.encode(e), "encoded event");
        } catch (RuntimeException ex) {
            LOG.error("cannot encode event {} ({}): {}", e.id(), e.type(), ex.toString());
            return false;
        }
        insertRow(Lane.DIAGNOSTIC, EVENTS_TOPIC, payload, now, null);
        return true;
    }

    long lastInsertedRowId() throws SQLException {
        return Sql.queryLong(conn, "SELECT last_insert_rowid()");
    }

    private Long storedSeq(String key) throws SQLException {
        findKey.setString(1, key);
        try (ResultSet rs = findKey.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private void advanceCursor(ReadingDraft draft, Map<String, Long> holes) throws SQLException {
        if (draft.deviceRecordNumber().isEmpty()) {
            return;
        }
        String address = draft.device().address();
        long record = draft.deviceRecordNumber().getAsLong();
        Long hole = holes.get(address);
        if (hole != null && record == hole) {
            holes.remove(address);               // the missing record is stored now
        } else if (hole != null && record > hole) {
            record = hole - 1;                   // stored, but an earlier record is still missing: stay below it
        }
        upsertCursor.setString(1, address);
        upsertCursor.setLong(2, record);
        upsertCursor.executeUpdate();
    }

    /** A record that was not stored: the device's cursor goes (and stays) below it until it is. */
    static void recordHole(ReadingDraft draft, Map<String, Long> holes) {
        if (draft.deviceRecordNumber().isPresent()) {
            holes.merge(draft.device().address(), draft.deviceRecordNumber().getAsLong(), Math::min);
        }
    }

    private void insertRow(Lane lane, String topic, byte[] payload, long now, Reading reading) throws SQLException {
        insertRow.setInt(1, lane.priority());
        insertRow.setString(2, topic);
        insertRow.setBytes(3, payload);
        insertRow.setLong(4, now);
        if (reading == null) {
            for (int i = 5; i <= 10; i++) {
                insertRow.setNull(i, i == 5 || i == 10 ? Types.INTEGER : Types.VARCHAR);
            }
        } else {
            ReadingDraft d = reading.content();
            insertRow.setLong(5, reading.seq());
            insertRow.setString(6, d.id().value());
            insertRow.setString(7, d.dedupKey());
            insertRow.setString(8, d.device().address());
            insertRow.setString(9, d.patientKey());
            insertRow.setLong(10, d.time().measuredAt().toEpochMilli());
        }
        insertRow.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        findKey.close();
        insertRow.close();
        insertKey.close();
        upsertCursor.close();
    }
}
