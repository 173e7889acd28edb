package org.vitalgate.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the store lives and its bounds.
 *
 * @param path              the SQLite database file
 * @param maxBytes          upper bound of database + WAL size; when reached, diagnostics are dropped
 *                          first, then readings are refused ({@link StoreFullException})
 * @param minFreeDiskBytes  free-disk watermark on the store's file system, same policy
 * @param historyDays       confirmed readings are kept this long as local history, then purged
 * @param dedupDays         how long de-duplication keys outlive their readings (device memories are long)
 * @param groupCommitWindow how long the writer waits for more readings before committing a batch
 * @param maxBatch          at most this many readings per transaction
 */
public record StoreSettings(Path path, long maxBytes, long minFreeDiskBytes, int historyDays, int dedupDays,
                            Duration groupCommitWindow, int maxBatch) {
    public StoreSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
        if (maxBytes <= 0 || minFreeDiskBytes < 0 || historyDays < 0 || dedupDays < 0 || maxBatch < 1) {
            throw new IllegalArgumentException("store limits out of range");
        }
    }

    /** 512 MiB, 64 MiB free disk, 90 days of history, 400 days of dedup keys, 5 ms group commit, 1000/batch. */
    public static StoreSettings defaults(Path path) {
        return new StoreSettings(path, 512L << 20, 64L << 20, 90, 400, Duration.ofMillis(5), 1000);
    }
}
