package org.vitalgate.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.ReadingDraft;

/**
 * The durable store: one SQLite file in WAL mode with {@code synchronous=FULL}, holding the outbox (readings
 * and events), de-duplication keys, device memory cursors and the seq counter.
 *
 * <p>Ingest {@link #submit}s drafts; the {@code store-writer} thread commits them in group-commit batches and
 * completes each future only after its transaction committed. Seqs are strictly increasing and gap-free: a
 * duplicate, an unencodable draft or a failed batch consumes none, and {@code meta.last_seq} survives purging.
 * The store is bounded ({@link StoreSettings#maxBytes()}, {@link StoreSettings#minFreeDiskBytes()}); when over
 * it sheds confirmed history, then pending diagnostics, then refuses readings with {@link StoreFullException}.
 * It never deletes an unconfirmed reading.
 *
 * <p>Thread-safe. The one JDBC connection is guarded by this object's monitor ({@code synchronized} methods).
 * State read outside the monitor: the writer's queue, the closed/accepting flags (volatile) and the count of
 * events dropped at the queue. Futures complete on the writer thread, outside the monitor: keep their
 * callbacks short.
 */
public final class SqliteStore implements Outbox, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    /** How long {@link #submit} blocks for room in the writer's queue before failing the reading. */
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(5);

    /** Per device address, the lowest record number refused or failed and not stored since (see refuse). */
    private final Map<String, Long> recordHoles = new HashMap<>();
    private final StoreSettings settings;
    private final Clock clock;
    private final Supplier<String> eventIds;
    private final PayloadEncoder payloads;
    private final EventEncoder eventEncoder;
    private final Connection conn;
    private final OutboxQueries queries;
    private final DeviceQueries deviceQueries;
    private final DeviceTable deviceTable;
    private final StoreLimits limits;
    private final Shedder shedder;
    private final GroupCommitWriter writer;
    private final Optional<Path> quarantinedTo;
    private final AtomicLong queueDrops = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean accepting = true;
    // guarded by this
    private long lastSeq;
    private long protectedEventId = -1;
    private boolean connectionClosed;
    private BatchWriter batchWriter;

    private SqliteStore(StoreSettings settings, Clock clock, Supplier<String> eventIds, StoreFile.Opened opened,
                        PayloadEncoder payloads, EventEncoder events, LongSupplier freeDisk, ThreadFactory threads)
            throws SQLException {
        this.settings = settings;
        this.clock = clock;
        this.eventIds = eventIds;
        this.payloads = payloads;
        this.eventEncoder = events;
        this.conn = opened.connection();
        this.batchWriter = new BatchWriter(conn, payloads, events);
        this.queries = new OutboxQueries(conn);
        this.deviceQueries = new DeviceQueries(conn);
        this.deviceTable = new DeviceTable(deviceQueries.all());
        this.limits = new StoreLimits(settings, freeDisk);
        this.shedder = new Shedder(conn, limits, queries, settings.maxBytes());
        this.quarantinedTo = opened.quarantinedTo();
        this.lastSeq = Meta.lastSeq(conn);
        int capacity = Math.min(1 << 16, Math.max(256, 2 * settings.maxBatch()));
        this.writer = new GroupCommitWriter(capacity, settings.groupCommitWindow(), settings.maxBatch(),
                new Sink(), threads);
    }

    /** Opens (creating, migrating or quarantining as needed) the store at {@code settings.path()}. */
    public static SqliteStore open(StoreSettings settings, Clock clock, PayloadEncoder payloads, EventEncoder events,
                                   Supplier<String> eventIds) throws StoreException {
        return open(settings, clock, payloads, events, eventIds, StoreLimits.fileSystemFreeSpace(settings.path()),
                GroupCommitWriter.defaultThreads());
    }

    /**
     * As {@link #open(StoreSettings, Clock, PayloadEncoder, EventEncoder, Supplier)} with the free-disk probe and
     * the writer's thread factory given (tests, wiring).
     */
    public static SqliteStore open(StoreSettings settings, Clock clock, PayloadEncoder payloads, EventEncoder events,
                                   Supplier<String> eventIds, LongSupplier freeDiskBytes, ThreadFactory threads)
            throws StoreException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(payloads, "payloads");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(eventIds, "eventIds");
        Objects.requireNonNull(freeDiskBytes, "freeDiskBytes");
        Objects.requireNonNull(threads, "threads");
        StoreFile.Opened opened = StoreFile.open(settings, clock);
        SqliteStore store;
        try {
            store = new SqliteStore(settings, clock, eventIds, opened, payloads, events, freeDiskBytes, threads);
        } catch (SQLException | RuntimeException e) {
            StoreFile.closeQuietly(opened.connection());
            throw new StoreException("cannot open store " + settings.path() + ": " + e.getMessage(), e);
        }
        if (opened.quarantinedTo().isPresent()) {
            store.insertEventNow(EventType.STORE_QUARANTINED, Map.of(
                    "quarantinedTo", opened.quarantinedTo().get().toString(),
                    "reason", opened.quarantineReason().orElse("")));
        }
        store.checkAtOpen();
        store.writer.start();
        return store;
    }

    /** Where a damaged predecessor of this store was moved at open, if it was. */
    public Optional<Path> quarantinedTo() {
        return quarantinedTo;
    }

    /**
     * Queues a reading draft for the next group commit. The future completes after the transaction committed
     * ({@link Acceptance.Accepted} or {@link Acceptance.Duplicate}), or fails with {@link StoreFullException}
     * (store over a bound: nothing written) or {@link StoreException} (I/O error, store closed, writer queue
     * full for 5 s). Blocks the caller while the queue is full, at most that long.
     */
    public CompletableFuture<Acceptance> submit(ReadingDraft draft) {
        Objects.requireNonNull(draft, "draft");
        CompletableFuture<Acceptance> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new StoreException("store is closed; reading " + draft.id() + " not stored"));
            return future;
        }
        Job.Submit job = new Job.Submit(draft, future);
        try {
            if (!writer.offer(job, SUBMIT_TIMEOUT)) {
                future.completeExceptionally(new StoreException("store writer queue stayed full for "
                        + SUBMIT_TIMEOUT.toSeconds() + " s; reading " + draft.id() + " not stored"));
                return future;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.completeExceptionally(new StoreException("interrupted; reading " + draft.id() + " not stored", e));
            return future;
        }
        // close() may have drained the queue between our check and our offer: then take the job back
        if (closed && writer.withdraw(job)) {
            future.completeExceptionally(new StoreException("store is closed; reading " + draft.id() + " not stored"));
        }
        return future;
    }

    /** Queues a diagnostic event; drops (and counts) it if the writer's queue is under pressure. */
    public void recordEvent(Event event) {
        Objects.requireNonNull(event, "event");
        if (closed || !writer.offerEvent(new Job.RecordEvent(event))) {
            queueDrops.incrementAndGet();
            LOG.debug("dropped event {} ({})", event.type(), event.id());
        }
    }

    /**
     * False while the store refuses readings (over a bound): ingest should stop fetching device memories until
     * it turns true again (re-checked at every batch and every second when idle).
     */
    public boolean isAcceptingReadings() {
        return accepting && !closed;
    }

    /**
     * The device's last stored record number: what a glucose meter is asked to send records after. Never past a
     * record that was refused or failed (until that record is stored).
     */
    public synchronized OptionalLong lastRecordNumber(String address) throws StoreException {
        Objects.requireNonNull(address, "address");
        ensureOpen();
        OptionalLong stored;
        try {
            stored = queries.lastRecordNumber(address);
        } catch (SQLException e) {
            throw failure("reading device cursor", e);
        }
        Long hole = recordHoles.get(address);
        return hole != null && stored.isPresent() && stored.getAsLong() >= hole
                ? OptionalLong.of(hole - 1) : stored;
    }

    /**
     * Frames of {@code address} were lost before they could be decoded (the ingest queue was full): their record
     * numbers are unknown, but they came after {@code lastKept}, the last record of the device handed to
     * {@link #submit} before them (empty if none this run: then its stored pointer is the bound). The device's
     * pointer is held there until the record after it is stored, so the device is asked for the lost records
     * again rather than skipped when later records are stored. Devices without record numbers are not affected.
     * Devices whose records are not numbered consecutively are asked again from the bound until the process
     * restarts (re-sent records are dropped by their dedup key).
     */
    public synchronized void holdRecordPointer(String address, OptionalLong lastKept) throws StoreException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastKept, "lastKept");
        ensureOpen();
        try {
            OptionalLong bound = lastKept.isPresent() ? lastKept : queries.lastRecordNumber(address);
            long hole = bound.isPresent() ? bound.getAsLong() + 1 : 0;
            Long known = recordHoles.get(address);
            if (known == null || hole < known) {
                recordHoles.put(address, hole);
            }
            queries.lowerCursors(Map.of(address, recordHoles.get(address)));
        } catch (SQLException e) {
            throw failure("holding the record pointer of " + address, e);
        }
    }

    /**
     * Provisions (or re-provisions) the device at {@code address}: its readings are forwarded under
     * {@code patientKey} from now on. One assignment per address; a new one replaces the old.
     *
     * @return the stored assignment
     */
    public synchronized DeviceAssignment provision(String address, String profileId, String patientKey,
                                                   OptionalInt userSlot) throws StoreException {
        DeviceAssignment d = new DeviceAssignment(address, profileId, patientKey, userSlot, clock.instant());
        ensureOpen();
        try {
            Sql.inTransaction(conn, () -> deviceQueries.upsert(d));
            deviceTable.put(d);              // write-through: the table in memory follows the committed row
            return d;
        } catch (SQLException e) {
            throw failure("provisioning " + d.address(), e);
        }
    }

    /** Removes the assignment of {@code address}; its readings stop being forwarded. False if there was none. */
    public synchronized boolean unprovision(String address) throws StoreException {
        Objects.requireNonNull(address, "address");
        ensureOpen();
        boolean[] removed = new boolean[1];
        try {
            Sql.inTransaction(conn, () -> removed[0] = deviceQueries.delete(DeviceAssignment.normalize(address)));
            deviceTable.remove(DeviceAssignment.normalize(address));
            return removed[0];
        } catch (SQLException e) {
            throw failure("unprovisioning " + address, e);
        }
    }

    /** All provisioned devices, by address. From memory (see {@link #findDevice}). */
    public List<DeviceAssignment> listDevices() throws StoreException {
        ensureOpen();
        return deviceTable.all();
    }

    /**
     * The assignment of {@code address} (case-insensitive for Bluetooth addresses), if provisioned. Answered from
     * the device table in memory (loaded at open, written through by {@link #provision}/{@link #unprovision}):
     * it takes neither the store's monitor nor SQLite, so the advertisement and frame paths that ask it never wait
     * for a group commit's fsync.
     */
    public Optional<DeviceAssignment> findDevice(String address) throws StoreException {
        Objects.requireNonNull(address, "address");
        ensureOpen();
        return deviceTable.find(DeviceAssignment.normalize(address));
    }

    @Override
    public synchronized List<OutboxMessage> pending(Lane lane, long afterId, int max) throws StoreException {
        Objects.requireNonNull(lane, "lane");
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        ensureOpen();
        try {
            return queries.pending(lane, afterId, max);
        } catch (SQLException e) {
            throw failure("reading pending rows", e);
        }
    }

    @Override
    public synchronized void confirm(List<Confirmation> confirmations) throws StoreException {
        Objects.requireNonNull(confirmations, "confirmations");
        ensureOpen();
        if (confirmations.isEmpty()) {
            return;
        }
        // Why NORMAL here: a confirmation lost to a power cut only makes the row be sent again (same id, the
        // backend de-duplicates), so its commit need not wait for an fsync; the next FULL commit of a reading
        // syncs it anyway. Readings themselves are always committed with synchronous=FULL.
        try {
            Sql.execute(conn, "PRAGMA synchronous = NORMAL");
            try {
                Sql.inTransaction(conn, () -> queries.confirm(confirmations));
            } finally {
                Sql.execute(conn, "PRAGMA synchronous = FULL");
            }
        } catch (SQLException e) {
            throw failure("confirming " + confirmations.size() + " rows", e);
        }
    }

    /**
     * {@link System#nanoTime()} of the {@code store-writer} loop's last turn, for the systemd watchdog. Not
     * synchronized: a wedged connection must not wedge the watchdog's question.
     */
    public long writerHeartbeatNanos() {
        return writer.heartbeatNanos();
    }

    @Override
    public synchronized OutboxStats stats() throws StoreException {
        ensureOpen();
        try {
            return queries.stats(lastSeq, limits.measure(conn).storeBytes());
        } catch (SQLException e) {
            throw failure("reading statistics", e);
        }
    }

    /** The {@code n} most recent readings (highest seq first), confirmed or not. */
    public synchronized List<StoredReading> recent(int n) throws StoreException {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        ensureOpen();
        try {
            return queries.recent(n);
        } catch (SQLException e) {
            throw failure("reading history", e);
        }
    }

    /**
     * Housekeeping: deletes confirmed rows confirmed more than {@code historyDays} before {@code now}, dedup
     * keys older than {@code dedupDays}, then runs a passive WAL checkpoint.
     */
    public synchronized PurgeResult purge(Instant now) throws StoreException {
        Objects.requireNonNull(now, "now");
        ensureOpen();
        long historyCutoff = now.minus(Duration.ofDays(settings.historyDays())).toEpochMilli();
        long dedupCutoff = now.minus(Duration.ofDays(settings.dedupDays())).toEpochMilli();
        PurgeResult[] result = new PurgeResult[1];
        try {
            Sql.inTransaction(conn, () -> {
                Meta.recordLastSeq(conn, lastSeq);
                result[0] = queries.purge(historyCutoff, dedupCutoff);
            });
            Sql.execute(conn, "PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            throw failure("purging", e);
        }
        LOG.info("purged {} readings, {} events, {} dedup keys", result[0].readings(), result[0].events(),
                result[0].dedupKeys());
        return result[0];
    }

    /**
     * Stops accepting, commits everything already queued, stops the writer and closes the connection.
     * Idempotent. Must not be called from a submit future's callback (those run on the writer thread). Readings submitted concurrently with close either commit or fail with {@link StoreException}.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            writer.stopAndJoin();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while draining the store writer");
        }
        for (Job job : writer.leftovers()) {
            if (job instanceof Job.Submit s) {
                s.future().completeExceptionally(new StoreException("store closed before reading "
                        + s.draft().id() + " was written"));
            }
        }
        synchronized (this) {
            connectionClosed = true;
            try {
                batchWriter.close();
            } catch (SQLException e) {
                LOG.debug("closing statements: {}", e.toString());
            }
            StoreFile.closeQuietly(conn);
        }
        LOG.info("store {} closed at seq {}", settings.path(), lastSeqForLog());
    }

    private synchronized long lastSeqForLog() {
        return lastSeq;
    }

    /** Package-private for tests: runs one SQL statement on the store's connection (e.g. a page limit). */
    synchronized void executeForTest(String sql) throws SQLException {
        Sql.execute(conn, sql);
    }

    // ---- writer thread ------------------------------------------------------------------------------------

    /** Bridges the writer thread to the monitor: writes under it, completes futures outside it. */
    private final class Sink implements GroupCommitWriter.Sink {
        @Override
        public void write(List<Job> batch) {
            List<Runnable> completions;
            try {
                completions = writeBatch(batch);
            } catch (RuntimeException | Error e) {
                LOG.error("store batch failed unexpectedly", e);
                StoreException err = new StoreException("store batch failed: " + e, e);
                completions = refuseLocked(batch, err);
            }
            for (Runnable r : completions) {
                r.run();
            }
        }

        @Override
        public void failed(List<Job> batch, Throwable cause) {
            StoreException err = cause instanceof StoreException se ? se
                    : new StoreException("store batch failed: " + cause, cause);
            for (Runnable r : refuseLocked(batch, err)) {
                r.run();
            }
        }

        @Override
        public void idle() {
            try {
                recheck();
            } catch (RuntimeException e) {
                LOG.error("store idle check failed", e);
            }
        }
    }

    private synchronized List<Runnable> writeBatch(List<Job> batch) {
        if (connectionClosed) {
            return refuse(batch, new StoreException("store is closed"));
        }
        List<ReadingDraft> drafts = new ArrayList<>();
        List<Job.Submit> submits = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Job j : batch) {
            if (j instanceof Job.Submit s) {
                submits.add(s);
                drafts.add(s.draft());
            } else if (j instanceof Job.RecordEvent r) {
                events.add(r.event());
            }
        }
        long drops = queueDrops.getAndSet(0);
        Optional<String> refusal;
        try {
            refusal = shedder.admit(lastSeq, protectedEventId);
        } catch (SQLException e) {
            queueDrops.addAndGet(drops + events.size());
            return refuse(batch, failure("checking store limits", e));
        }
        if (refusal.isPresent()) {
            enterFull(refusal.get());
            persistDrops(drops + events.size());
            return refuse(batch, new StoreFullException("reading refused, store full: " + refusal.get()));
        }
        leaveFull();
        long now = clock.millis();
        BatchWriter.Result[] result = new BatchWriter.Result[1];
        try {
            Sql.inTransaction(conn, () -> result[0] = batchWriter.write(drafts, events, lastSeq, now, drops,
                    recordHoles));
        } catch (SQLException e) {
            queueDrops.addAndGet(drops + events.size());
            reloadLastSeq();
            renewStatements();
            if (Sql.isFull(e)) {
                enterFull("SQLite reports the disk or database full: " + e.getMessage());
                return refuse(batch, new StoreFullException("reading refused, store full: " + e.getMessage(), e));
            }
            return refuse(batch, failure("committing a batch of " + drafts.size() + " readings", e));
        }
        lastSeq = result[0].lastSeq();
        List<Runnable> completions = new ArrayList<>(submits.size());
        for (int i = 0; i < submits.size(); i++) {
            CompletableFuture<Acceptance> f = submits.get(i).future();
            BatchWriter.Outcome o = result[0].outcomes().get(i);
            if (o instanceof BatchWriter.Done d) {
                completions.add(() -> f.complete(d.acceptance()));
            } else if (o instanceof BatchWriter.Failed x) {
                completions.add(() -> f.completeExceptionally(x.error()));
            }
        }
        return completions;
    }

    private void enterFull(String why) {
        if (!accepting) {
            return;
        }
        accepting = false;
        LOG.error("store refuses readings: {}", why);
        // Recorded once per transition, beyond the limit by one small row, and spared by later shedding.
        protectedEventId = insertEventNow(EventType.STORE_FULL, Map.of("reason", why,
                "maxBytes", Long.toString(settings.maxBytes()),
                "minFreeDiskBytes", Long.toString(settings.minFreeDiskBytes())));
    }

    private void leaveFull() {
        if (!accepting) {
            accepting = true;
            LOG.info("store has room again; accepting readings");
        }
    }

    /** So that {@link #isAcceptingReadings()} is right from the start, before the first batch. */
    private synchronized void checkAtOpen() {
        try {
            shedder.admit(lastSeq, protectedEventId).ifPresent(this::enterFull);
        } catch (SQLException e) {
            LOG.warn("store limit check at open failed: {}", e.toString());
        }
    }

    private synchronized void recheck() {
        if (connectionClosed) {
            return;
        }
        long drops = queueDrops.getAndSet(0);
        if (drops > 0) {
            persistDrops(drops);
        }
        if (!accepting) {
            try {
                if (shedder.admit(lastSeq, protectedEventId).isEmpty()) {
                    leaveFull();
                }
            } catch (SQLException e) {
                LOG.warn("store limit check failed: {}", e.toString());
            }
        }
    }

    private void persistDrops(long drops) {
        if (drops == 0) {
            return;
        }
        try {
            Sql.inTransaction(conn, () -> Meta.add(conn, Meta.DROPPED_EVENTS, drops));
        } catch (SQLException e) {
            queueDrops.addAndGet(drops);
        }
    }

    /** Writes one event in its own transaction; returns its row id, or -1 (counted as dropped) on failure. */
    private synchronized long insertEventNow(EventType type, Map<String, String> attributes) {
        Event event = new Event(eventIds.get(), type, clock.instant(), attributes);
        long[] id = {-1};
        try {
            Sql.inTransaction(conn, () -> {
                if (batchWriter.insertEvent(event, clock.millis())) {
                    id[0] = batchWriter.lastInsertedRowId();
                }
            });
        } catch (SQLException e) {
            LOG.warn("cannot record event {}: {}", type, e.toString());
            renewStatements();
        }
        if (id[0] < 0) {
            queueDrops.incrementAndGet();
        }
        return id[0];
    }

    /** sqlite-jdbc may leave a prepared statement unusable after an error: start over with fresh ones. */
    private void renewStatements() {
        try {
            batchWriter.close();
        } catch (SQLException e) {
            LOG.debug("closing statements after a failed batch: {}", e.toString());
        }
        try {
            batchWriter = new BatchWriter(conn, payloads, eventEncoder);
        } catch (SQLException e) {
            LOG.error("cannot prepare store statements: {}", e.toString());
        }
    }

    private void reloadLastSeq() {
        try {
            lastSeq = Meta.lastSeq(conn);
        } catch (SQLException e) {
            // keep the in-memory value: it is what was last committed
            LOG.warn("cannot reload last seq: {}", e.toString());
        }
    }

    private synchronized List<Runnable> refuseLocked(List<Job> batch, StoreException error) {
        return refuse(batch, error);
    }

    /**
     * Fails a batch. A device record among it was not stored: the device's cursor is moved (and kept) below it,
     * so a glucose meter is asked for it again rather than skipped when later records of the same transfer are
     * stored. Caller holds the monitor.
     */
    private List<Runnable> refuse(List<Job> batch, StoreException error) {
        for (Job j : batch) {
            if (j instanceof Job.Submit s) {
                BatchWriter.recordHole(s.draft(), recordHoles);
            }
        }
        if (!connectionClosed) {
            try {
                queries.lowerCursors(recordHoles);
            } catch (SQLException e) {
                LOG.warn("cannot move device cursors back below refused records (kept in memory): {}", e.toString());
            }
        }
        return failAll(batch, error);
    }

    private static List<Runnable> failAll(List<Job> batch, StoreException error) {
        List<Runnable> out = new ArrayList<>();
        for (Job j : batch) {
            if (j instanceof Job.Submit s) {
                out.add(() -> s.future().completeExceptionally(error));
            }
        }
        return out;
    }

    private void ensureOpen() throws StoreException {
        if (connectionClosed || closed) {
            throw new StoreException("store is closed");
        }
    }

    private StoreException failure(String what, SQLException e) {
        String msg = what + " in " + settings.path() + " failed: " + e.getMessage();
        return Sql.isFull(e) ? new StoreFullException(msg, e) : new StoreException(msg, e);
    }
}
