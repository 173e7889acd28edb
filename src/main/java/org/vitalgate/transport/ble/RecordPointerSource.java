package org.vitalgate.transport.ble;

import java.util.OptionalLong;

/**
 * The last record number committed to the store per device (e.g. a glucose meter's RACP sequence number).
 * Implemented by ingest; only advanced after the SQLite transaction committed. Called on the {@code ble-session}
 * thread; must answer promptly.
 */
@FunctionalInterface
public interface RecordPointerSource {
    OptionalLong lastCommittedRecord(String address);

    static RecordPointerSource none() {
        return address -> OptionalLong.empty();
    }
}
