package org.vitalgate.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as an ordered list of migration steps, versioned by {@code PRAGMA user_version}.
 * Each step runs in its own transaction together with the version bump, so a crash leaves the database at
 * the previous or the next version, never in between. A database newer than this code is refused, never
 * touched: a downgraded agent must not corrupt what a newer one wrote.
 *
 * <p>Stateless; called once at open on the opening thread.
 */
final class Schema {
    /** Lane priorities used in SQL below: {@link Lane#CLINICAL} is 0, {@link Lane#DIAGNOSTIC} is 5. */
    private static final List<List<String>> STEPS = List.of(
            // version 1
            List.of("""
                    CREATE TABLE outbox (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      lane INTEGER NOT NULL,
                      topic TEXT NOT NULL,
                      payload BLOB NOT NULL,
                      created_at INTEGER NOT NULL,
                      published_at INTEGER,
                      confirmed_at INTEGER,
                      seq INTEGER UNIQUE,
                      reading_id TEXT UNIQUE,
                      dedup_key TEXT,
                      device_address TEXT,
                      patient_key TEXT,
                      measured_at INTEGER)""",
                    // the uplink's query: oldest unconfirmed row of a lane
                    "CREATE INDEX outbox_pending ON outbox (lane, id) WHERE confirmed_at IS NULL",
                    // purge and history counts: confirmed rows by age
                    "CREATE INDEX outbox_confirmed ON outbox (confirmed_at) WHERE confirmed_at IS NOT NULL",
                    "CREATE TABLE dedup_key (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, created_at INTEGER NOT NULL)"
                            + " WITHOUT ROWID",
                    "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID",
                    "CREATE TABLE device_cursor (address TEXT PRIMARY KEY, last_record INTEGER NOT NULL) WITHOUT ROWID",
                    "INSERT INTO meta (key, value) VALUES ('last_seq', 0), ('dropped_events', 0)"),
            // version 2: devices provisioned to this hub (address upper case; user_slot NULL = whole device)
            List.of("""
                    CREATE TABLE devices (
                      address TEXT PRIMARY KEY,
                      profile_id TEXT NOT NULL,
                      patient_key TEXT NOT NULL,
                      user_slot INTEGER,
                      provisioned_at INTEGER NOT NULL) WITHOUT ROWID"""));

    /** The schema version this code writes. */
    static final int CURRENT_VERSION = STEPS.size();

    private Schema() {
    }

    /** Brings the database up to {@link #CURRENT_VERSION}; idempotent. */
    static void migrate(Connection conn, Path path) throws StoreException, SQLException {
        int version = userVersion(conn);
        if (version > CURRENT_VERSION) {
            throw new StoreTooNewException("store " + path + " has schema version " + version
                    + ", newer than this vitalgate supports (" + CURRENT_VERSION + "); refusing to open it."
                    + " Upgrade vitalgate or move the file aside.");
        }
        if (version < 0) {
            throw new StoreException("store " + path + " has an invalid schema version " + version);
        }
        for (int v = version; v < CURRENT_VERSION; v++) {
            int target = v + 1;
            List<String> step = STEPS.get(v);
            Sql.inTransaction(conn, () -> {
                try (Statement st = conn.createStatement()) {
                    for (String sql : step) {
                        st.executeUpdate(sql);
                    }
                    st.executeUpdate("PRAGMA user_version = " + target);
                }
            });
        }
    }

    static int userVersion(Connection conn) throws SQLException {
        return (int) Sql.queryLong(conn, "PRAGMA user_version");
    }
}
