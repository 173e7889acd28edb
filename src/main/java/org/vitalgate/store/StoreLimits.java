package org.vitalgate.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the store against its bounds: the logical database size ({@code (page_count - freelist_count) *
 * page_size}, so pages freed by purging count as free even though the file does not shrink) plus the WAL
 * file, against {@link StoreSettings#maxBytes()}; and the usable space of the store's file system against
 * {@link StoreSettings#minFreeDiskBytes()}. Cheap enough to run before every batch: three pragmas and two
 * {@code stat} calls.
 *
 * <p>Not thread-safe: used under the store's monitor.
 */
final class StoreLimits {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLimits.class);

    /** One measurement. */
    record Usage(long storeBytes, long freeDiskBytes) {
    }

    private final StoreSettings settings;
    private final Path wal;
    private final LongSupplier freeDiskBytes;

    StoreLimits(StoreSettings settings, LongSupplier freeDiskBytes) {
        this.settings = settings;
        this.wal = settings.path().resolveSibling(settings.path().getFileName() + "-wal");
        this.freeDiskBytes = freeDiskBytes;
    }

    /** The default free-space probe: usable bytes of the file system holding {@code path}. */
    static LongSupplier fileSystemFreeSpace(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        return () -> {
            try {
                return Files.getFileStore(dir).getUsableSpace();
            } catch (IOException e) {
                // An unknown free space must not stop clinical ingest; the byte limit and SQLITE_FULL still hold.
                LOG.warn("cannot read free space of {}: {}", dir, e.toString());
                return Long.MAX_VALUE;
            }
        };
    }

    Usage measure(Connection conn) throws SQLException {
        long pageSize = Sql.queryLong(conn, "PRAGMA page_size");
        long pages = Sql.queryLong(conn, "PRAGMA page_count");
        long free = Sql.queryLong(conn, "PRAGMA freelist_count");
        return new Usage((pages - free) * pageSize + walBytes(), freeDiskBytes.getAsLong());
    }

    long walBytes() {
        try {
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Which bound {@code usage} violates, as a message naming the limit and both values. */
    Optional<String> violation(Usage usage) {
        if (usage.storeBytes() >= settings.maxBytes()) {
            return Optional.of("store size " + usage.storeBytes() + " bytes has reached maxBytes "
                    + settings.maxBytes() + " (" + settings.path() + ")");
        }
        if (usage.freeDiskBytes() < settings.minFreeDiskBytes()) {
            return Optional.of("free disk " + usage.freeDiskBytes() + " bytes is below minFreeDiskBytes "
                    + settings.minFreeDiskBytes() + " (" + settings.path().toAbsolutePath().getParent() + ")");
        }
        return Optional.empty();
    }
}
