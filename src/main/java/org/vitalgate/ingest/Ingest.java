package org.vitalgate.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
    private static final Duration EVENT_INTERVAL = Duration.ofMinutes(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

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
    private final BlockingQueue<RawFrame> queue;
    private final Thread thread;
    private final Map<String, Instant> lastEventAt = new HashMap<>();
    private static final long REFUSAL_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);
    private final Map<String, Instant> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object intake = new Object();
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

    /**
     * @param hubClock whether the hub clock is NTP-synchronized, asked once per reading (it travels in the time
     *                 chain: a Raspberry Pi without RTC runs on a stale clock after a power cut until NTP answers)
     */
    public Ingest(DeviceDirectory devices, CodecRegistry codecs, SqliteStore store, Clock clock,
                  java.time.ZoneId zone, java.util.function.Supplier<HubClock> hubClock, ThreadFactory threads,
                  int queueCapacity, Listener listener) {
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
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = threads.newThread(this::loop);
        this.thread.start();
    }

    /** Enqueues a frame; never blocks. A full queue is an error that is logged and counted, never silent. */
    @Override
    public void accept(RawFrame frame) {
        boolean queued;
        synchronized (intake) {                  // never enqueue after close() has told the loop to finish
            queued = running && queue.offer(frame);
        }
        if (!queued) {
            long n = framesDropped.incrementAndGet();
            LOG.error("ingest queue full or closed: frame from {} on {} not processed ({} so far)",
                    frame.deviceAddress(), frame.channel(), n);
        }
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
                RawFrame frame = queue.poll(200, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    handle(frame);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ingest failed on a frame", e);
            }
        }
    }

    private void handle(RawFrame frame) {
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
            Decoded<?> value = codecImpl.get().decode(frame.payload());
            if (value instanceof Decoded.Ok<?> ok && ok.value() instanceof DeviceInformationString dis) {
                devices.deviceInformation(device.identity().address(), dis);
            } else if (!(value instanceof Decoded.Ok<?>)) {
                decodeFailed(frame, codecId, value);
            } else {
                LOG.debug("{}: {} = {}", frame.deviceAddress(), codecId, ((Decoded.Ok<?>) value).value());
            }
            return;
        }
        Decoded<MappedReading> decoded = mapper.map(codecId, frame.payload());
        if (decoded instanceof Decoded.Ok<MappedReading> ok && !ok.value().measurements().isEmpty()) {
            submit(device, ok.value(), frame);
        } else if (decoded instanceof Decoded.Ok<MappedReading> ok) {
            // A record without a value ("measurement unsuccessful"): evidence of an attempt, not a vital sign.
            event("no-value:" + frame.deviceAddress(), EventType.MEASUREMENT_WITHOUT_VALUE, Map.of(
                    "address", frame.deviceAddress(), "codec", codecId, "flags", ok.value().flags().toString()));
        } else {
            decodeFailed(frame, codecId, decoded);
        }
    }

    private void submit(KnownDevice device, MappedReading m, RawFrame frame) {
        if (device.userSlot().isPresent() && m.userId().isPresent()
                && device.userSlot().getAsInt() != m.userId().getAsInt()) {
            // a multi-user device: this record belongs to another user slot, not to the assigned patient
            event("other-user:" + frame.deviceAddress(), EventType.READING_OF_OTHER_USER, Map.of(
                    "address", frame.deviceAddress(), "userSlot", Integer.toString(m.userId().getAsInt())));
            return;
        }
        TimeChain time = times.chain(device.identity().address(), frame.connection(), m.deviceTime(),
                frame.receivedAt(), device.deviceTimeIsUtc(), hubClock.get());
        java.util.OptionalInt slot = m.userId().isPresent() ? m.userId() : device.userSlot();
        List<org.vitalgate.reading.MeasurementType> types = m.measurements().stream().map(Measurement::type).toList();
        ReadingDraft draft = new ReadingDraft(ids.next(),
                DedupKey.of(device.identity(), slot, types, time, m.recordNumber()),
                device.identity(), device.patientKey(), slot, m.recordNumber(), time, m.measurements(), m.flags(),
                Origin.SENSED);
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

    private void decodeFailed(RawFrame frame, String codecId, Decoded<?> failure) {
        String reason = failure instanceof Decoded.Malformed<?> m ? "malformed: " + m.reason() + " at " + m.offset()
                : failure instanceof Decoded.Unsupported<?> u ? "unsupported: " + u.feature() : "unknown";
        LOG.debug("{} {} {}: {} hex={}", frame.deviceAddress(), frame.channel(), codecId, reason, frame.payload().hex());
        event("decode-failed:" + frame.deviceAddress() + ":" + codecId, EventType.DECODE_FAILED,
                Map.of("address", frame.deviceAddress(), "codec", codecId, "reason", reason));
    }

    /** Records an event at most once per interval per key. */
    private void event(String key, EventType type, Map<String, String> attributes) {
        Instant now = clock.instant();
        Instant last = lastEventAt.get(key);
        if (last != null && Duration.between(last, now).compareTo(EVENT_INTERVAL) < 0) {
            return;
        }
        lastEventAt.put(key, now);
        LOG.info("event {} {}", type, attributes);
        store.recordEvent(new Event(ids.next().value(), type, now, attributes));
    }

    /** Stops taking frames, processes what is queued, and returns when the ingest thread has finished. */
    @Override
    public void close() {
        synchronized (intake) {
            running = false;
        }
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
