package org.vitalgate.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.codec.ReadingMapper;
import org.vitalgate.codec.gatt.dis.DeviceInformationString;
import org.vitalgate.reading.DedupKey;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Measurement;
import org.vitalgate.reading.Origin;
import org.vitalgate.reading.ReadingDraft;
import org.vitalgate.reading.ReadingIds;
import org.vitalgate.reading.TimeChain;
import org.vitalgate.store.Acceptance;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventType;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreFullException;
import org.vitalgate.transport.FrameSink;
import org.vitalgate.transport.RawFrame;

/**
 * The one place that joins transports, device profiles, codecs and the store: a frame from a provisioned device
 * is decoded with the codec its profile names, given its identity, patient key, time chain and dedup key, and
 * handed to the store. Frames from strangers become {@code device-seen} events without data; bad bytes become
 * counted, rate-limited {@code decode-failed} events (with the hex at DEBUG); nothing becomes a default value.
 *
 * <p>Threads: {@link #accept} is called on transport threads and only enqueues; everything else runs on the
 * single {@code ingest} thread. Store completions arrive on the store's writer thread and go to the
 * {@link Listener}.
 */
public final class Ingest implements FrameSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_TAIL_OCTETS = 64;

    private final DeviceDirectory devices;
    private final CodecRegistry codecs;
    private final ReadingMapper mapper;
    private final DeviceClocks clocks;
    private final SqliteStore store;
    private final Clock clock;
    private final java.util.function.Supplier<HubClock> hubClock;
    private final ReadingIds ids;
    private final Listener listener;
    private final TimeCorrector times;
    private final IntakeQueue queue;
    private final LossReport losses = new LossReport(Duration.ofSeconds(10), Duration.ofMinutes(1), System::nanoTime);
    /** Per device, the last record number handed to the store (ingest thread): the bound of a loss after it. */
    private final Map<String, Long> lastSubmittedRecord = new HashMap<>();
    private final Thread thread;
    private final EventLimits eventLimits = new EventLimits(System::nanoTime);
    private static final long REFUSAL_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private final AtomicLong framesAfterClose = new AtomicLong();
    private final AtomicLong lastClosedLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);
    private final Map<String, Instant> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile long heartbeat = System.nanoTime();   // the ingest loop's last turn (systemd watchdog)

    /** What ingest reports; called on the store's writer thread, must not block. */
    public interface Listener {
        void accepted(org.vitalgate.reading.Reading reading);

        default void duplicate(ReadingDraft draft, long existingSeq) {
        }

        default void refused(ReadingDraft draft, Throwable why) {
        }
    }

    /** A default bound of the ingest queue: about 5 000 GATT frames, a few seconds of a busy store. */
    public static final long DEFAULT_QUEUE_BYTES = 1L << 20;

    /**
     * @param queueBytes bound of the ingest queue in bytes (payload plus {@value IntakeQueue#FRAME_OVERHEAD} per
     *                   frame): fetches pause above half of it and resume below a quarter; a frame that does not fit
     *                   is not kept (see {@link #accept})
     * @param hubClock whether the hub clock is NTP-synchronized, asked once per frame as it is received (it travels
     *                 in the time chain: a Raspberry Pi without RTC runs on a stale clock after a power cut until
     *                 NTP answers); called on transport threads, so it must be cheap and never block
     */
    public Ingest(DeviceDirectory devices, CodecRegistry codecs, SqliteStore store, Clock clock,
                  java.time.ZoneId zone, java.util.function.Supplier<HubClock> hubClock, ThreadFactory threads,
                  long queueBytes, Listener listener) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.codecs = Objects.requireNonNull(codecs, "codecs");
        this.mapper = new ReadingMapper(codecs);
        this.clocks = new DeviceClocks(codecs);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hubClock = Objects.requireNonNull(hubClock, "hubClock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ids = new ReadingIds(clock);
        this.times = new TimeCorrector(zone);
        this.queue = new IntakeQueue(queueBytes);
        this.thread = threads.newThread(this::loop);
        this.thread.start();
    }

    /**
     * Enqueues a frame; never blocks. Above the queue's high watermark the transports are told to pause memory
     * fetches ({@link #addFlowControl}), so that a frame is not kept only when even the room left for what was in
     * flight is used up. Such a frame is counted; the ingest thread then holds its device's record pointer (the
     * device is asked for it again), raises a {@code frames-not-kept} event and logs, rate-limited with counts.
     */
    @Override
    public void accept(RawFrame frame) {
        // whether the hub clock was right is a fact of the receipt, sampled now: the clock may synchronize (and
        // step) while the frame waits in the queue
        IntakeQueue.Offer offer = queue.offer(frame, hubClock.get());
        if (offer == IntakeQueue.Offer.CLOSED) {
            long n = framesAfterClose.incrementAndGet();
            long now = System.nanoTime();
            long last = lastClosedLog.get();
            if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastClosedLog.compareAndSet(last, now)) {
                LOG.warn("ingest is closed: {} frame(s) arriving after close not processed (latest from {})", n,
                        frame.deviceAddress());
            }
        }
    }

    /** Registers a transport to pause memory fetches while the ingest queue is above its high watermark. */
    public void addFlowControl(org.vitalgate.transport.FlowControl control) {
        queue.addFlowControl(control);
    }

    /** Frames queued, not yet taken by the ingest thread. */
    int queuedFrames() {
        return queue.size();
    }

    /** Frames not kept because the ingest queue was full, since start (reported so far by the ingest thread). */
    public long framesNotKept() {
        return losses.total();
    }

    /** Provisioned device address → when the hub last received a frame from it. Thread-safe snapshot. */
    public Map<String, Instant> lastSeen() {
        return Map.copyOf(lastSeen);
    }


    /** {@link System#nanoTime()} of the ingest loop's last turn (it turns at least every 200 ms). Thread-safe. */
    public long heartbeatNanos() {
        return heartbeat;
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            heartbeat = System.nanoTime();
            try {
                IntakeQueue.Entry next = queue.poll(200);
                // a loss is acted on in frame order: after the frames that came before it, before those after it
                for (IntakeQueue.Loss l : queue.takeLosses(next)) {
                    lost(l);
                }
                reportLosses(false);
                if (next != null) {
                    handle(next.frame(), next.hubClock());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ingest failed on a frame", e);
            }
        }
        queue.takeLosses(null).forEach(this::lost);
        reportLosses(true);
    }

    /** Frames of one device were not kept: hold its record pointer below them, count them. */
    private void lost(IntakeQueue.Loss loss) {
        losses.lost(loss.address(), loss.frames());
        Optional<KnownDevice> known = devices.lookup(loss.address());
        if (known.isEmpty()) {
            return;                              // a stranger's frames: no pointer to hold
        }
        String address = known.get().identity().address();
        Long last = lastSubmittedRecord.get(address);
        try {
            store.holdRecordPointer(address, last == null ? OptionalLong.empty() : OptionalLong.of(last));
        } catch (org.vitalgate.store.StoreException e) {
            LOG.warn("cannot hold the record pointer of {} after lost frames: {}", address, e.getMessage());
        }
    }

    private void reportLosses(boolean flush) {
        LossReport.Due due = losses.due(clock.instant(), flush);
        if (due.logDue()) {
            LOG.error("ingest queue full: {} frame(s) of {} device(s) not kept since the last report ({} in total);"
                    + " memory fetches are paused and those devices' record pointers held, so they are asked for"
                    + " them again", due.framesSinceLog(), due.devicesSinceLog(), due.total());
        }
        Instant now = clock.instant();
        due.events().forEach((address, frames) -> store.recordEvent(new Event(ids.next().value(), EventType.FRAMES_NOT_KEPT,
                now, Map.of("address", address, "frames", Long.toString(frames), "reason", "ingest queue full"))));
    }

    private void handle(RawFrame frame, HubClock hubClockAtReceipt) {
        Optional<KnownDevice> known = devices.lookup(frame.deviceAddress());
        if (known.isEmpty()) {
            event("device-seen:" + frame.deviceAddress(), EventType.DEVICE_SEEN,
                    Map.of("address", frame.deviceAddress(), "channel", frame.channel()));
            return;
        }
        KnownDevice device = known.get();
        if (frame.kind() == RawFrame.Kind.CLOCK_WRITTEN) {
            times.clockSet(device.identity().address(), frame.connection(), frame.receivedAt());
            return;
        }
        lastSeen.put(device.identity().address(), frame.receivedAt());
        Optional<String> codec = device.codecFor(frame.channel());
        if (codec.isEmpty()) {
            LOG.debug("{}: no codec for channel {}", frame.deviceAddress(), frame.channel());
            return;
        }
        String codecId = codec.get();
        if (DeviceClocks.isClock(codecId)) {
            Decoded<java.time.LocalDateTime> clockValue = clocks.decode(codecId, frame.payload());
            if (clockValue instanceof Decoded.Ok<java.time.LocalDateTime> ok) {
                times.clockRead(device.identity().address(), frame.connection(), ok.value(), frame.receivedAt(),
                        device.deviceTimeIsUtc());
            } else {
                decodeFailed(frame, codecId, clockValue);
            }
            return;
        }
        Optional<org.vitalgate.codec.Codec<?>> codecImpl = codecs.byId(codecId);
        if (codecImpl.isPresent() && !codecImpl.get().isMeasurement()) {
            Decoded<?> value = codecImpl.get().decode(frame.payload(), device.trailingOctets());
            if (value instanceof Decoded.Ok<?> ok && ok.value() instanceof DeviceInformationString dis) {
                devices.deviceInformation(device.identity().address(), dis);
            } else if (!(value instanceof Decoded.Ok<?>)) {
                decodeFailed(frame, codecId, value);
            } else {
                LOG.debug("{}: {} = {}", frame.deviceAddress(), codecId, ((Decoded.Ok<?>) value).value());
            }
            return;
        }
        Decoded<MappedReading> decoded = mapper.map(codecId, frame.payload(), device.trailingOctets());
        if (decoded instanceof Decoded.Ok<MappedReading> ok && !ok.value().trailingOctets().isEmpty()) {
            trailingIgnored(frame, codecId, ok.value().trailingOctets());
        }
        if (decoded instanceof Decoded.Ok<MappedReading> ok && !ok.value().measurements().isEmpty()) {
            submit(device, ok.value(), frame, hubClockAtReceipt);
        } else if (decoded instanceof Decoded.Ok<MappedReading> ok) {
            // A record without a value ("measurement unsuccessful"): evidence of an attempt, not a vital sign.
            event("no-value:" + frame.deviceAddress(), EventType.MEASUREMENT_WITHOUT_VALUE, Map.of(
                    "address", frame.deviceAddress(), "codec", codecId, "flags", ok.value().flags().toString()));
        } else {
            decodeFailed(frame, codecId, decoded);
        }
    }

    private void submit(KnownDevice device, MappedReading m, RawFrame frame, HubClock hubClockAtReceipt) {
        if (device.userSlot().isPresent() && m.userId().isPresent()
                && device.userSlot().getAsInt() != m.userId().getAsInt()) {
            // a multi-user device: this record belongs to another user slot, not to the assigned patient
            event("other-user:" + frame.deviceAddress(), EventType.READING_OF_OTHER_USER, Map.of(
                    "address", frame.deviceAddress(), "userSlot", Integer.toString(m.userId().getAsInt())));
            return;
        }
        TimeChain time = times.chain(device.identity().address(), frame.connection(), m.deviceTime(),
                frame.receivedAt(), device.deviceTimeIsUtc(), hubClockAtReceipt);
        java.util.OptionalInt slot = m.userId().isPresent() ? m.userId() : device.userSlot();
        List<org.vitalgate.reading.MeasurementType> types = m.measurements().stream().map(Measurement::type).toList();
        ReadingDraft draft = new ReadingDraft(ids.next(),
                DedupKey.of(device.identity(), slot, types, time, m.recordNumber()),
                device.identity(), device.patientKey(), slot, m.recordNumber(), time, m.measurements(), m.flags(),
                Origin.SENSED);
        m.recordNumber().ifPresent(r -> lastSubmittedRecord.put(device.identity().address(), r));
        CompletableFuture<Acceptance> f = store.submit(draft);
        f.whenComplete((acceptance, error) -> {
            if (error != null) {
                refused(draft, error);
            } else if (acceptance instanceof Acceptance.Accepted a) {
                listener.accepted(a.reading());
            } else if (acceptance instanceof Acceptance.Duplicate d) {
                LOG.debug("{}: duplicate of seq {} ({})", device.identity().address(), d.existingSeq(), d.dedupKey());
                listener.duplicate(draft, d.existingSeq());
            }
        });
    }

    private void refused(ReadingDraft draft, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        long n = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastRefusalLog.get();
        // One ERROR line per interval, not one per reading: a full store refuses hundreds a second.
        if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastRefusalLog.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-n);
            LOG.error("{} reading(s) REFUSED since the last report (latest {} from {}): {}{}", n, draft.id(),
                    draft.device().address(), cause.getMessage(),
                    cause instanceof StoreFullException
                            ? " (no new device sessions until there is room; readings already taken off a device are lost)"
                            : "");
        }
        listener.refused(draft, cause);
    }

    /**
     * The profile says {@code trailingOctets: ignore}: the reading was decoded from the octets its flags announce;
     * what the device appended is reported raw (at most {@value #MAX_TAIL_OCTETS} octets of it), once per interval
     * per device and codec, so that a backend can see fields the hub does not decode.
     */
    private void trailingIgnored(RawFrame frame, String codecId, org.vitalgate.reading.Bytes tail) {
        org.vitalgate.reading.Bytes shown = tail.size() > MAX_TAIL_OCTETS ? tail.slice(0, MAX_TAIL_OCTETS) : tail;
        event("trailing:" + frame.deviceAddress() + ":" + codecId, EventType.TRAILING_OCTETS_IGNORED, Map.of(
                "address", frame.deviceAddress(), "codec", codecId, "octets", Integer.toString(tail.size()),
                "hex", shown.hex()));
    }

    private void decodeFailed(RawFrame frame, String codecId, Decoded<?> failure) {
        String reason = failure instanceof Decoded.Malformed<?> m ? "malformed: " + m.reason() + " at " + m.offset()
                + (org.vitalgate.codec.Lengths.isTrailing(m) ? " (device profile: trailingOctets: reject)" : "")
                : failure instanceof Decoded.Unsupported<?> u ? "unsupported: " + u.feature() : "unknown";
        LOG.debug("{} {} {}: {} hex={}", frame.deviceAddress(), frame.channel(), codecId, reason, frame.payload().hex());
        event("decode-failed:" + frame.deviceAddress() + ":" + codecId, EventType.DECODE_FAILED,
                Map.of("address", frame.deviceAddress(), "codec", codecId, "reason", reason));
    }

    /**
     * Records an event at most once per its type's interval per key ({@link EventLimits}); a repeat after
     * suppressed ones carries their number as {@code repeats}, so a backend sees that the problem goes on.
     */
    private void event(String key, EventType type, Map<String, String> attributes) {
        java.util.OptionalLong due = eventLimits.admit(type, key);
        if (due.isEmpty()) {
            return;
        }
        Map<String, String> attrs = attributes;
        if (due.getAsLong() > 0) {
            attrs = new java.util.TreeMap<>(attributes);
            attrs.put("repeats", Long.toString(due.getAsLong()));
        }
        LOG.info("event {} {}", type, attrs);
        store.recordEvent(new Event(ids.next().value(), type, clock.instant(), attrs));
    }

    /** Stops taking frames, processes what is queued, and returns when the ingest thread has finished. */
    @Override
    public void close() {
        queue.close();                           // first: no frame is queued after the loop may have ended
        running = false;
        try {
            // every queued frame is handed to the store before the store closes; each submit is bounded
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("ingest did not finish within {}; {} frames still queued are not processed", CLOSE_TIMEOUT,
                    queue.size());
        }
    }
}
