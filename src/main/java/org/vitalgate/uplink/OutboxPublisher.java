package org.vitalgate.uplink;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.store.Outbox;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.StoreException;

/**
 * Publishes outbox rows during one MQTT session at a time: fills the in-flight window in id order (clinical
 * first) from a {@link PublishQueue}, honours the optional rate cap, and turns completed publish futures
 * (PUBACK) into batched outbox confirmations, also for late PUBACKs of an ended session. A failed publish of
 * the current session is reported to {@code onSessionFailure}; the caller then ends the session
 * ({@link #end()}) and reconnects, and the next session starts again from the oldest unconfirmed row.
 *
 * <p>Not thread-safe: confined to the uplink thread ({@code loop}); completions are re-enqueued onto it.
 */
final class OutboxPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int CHUNK = 2048;
    private static final int CONFIRM_BATCH = 1024;
    private static final long CONFIRM_DELAY_MS = 50;

    private final UplinkSettings settings;
    private final Outbox outbox;
    private final PayloadStamper stamper;
    private final Clock clock;
    private final UplinkCounters counters;
    private final ScheduledExecutorService loop;
    private final Executor enqueue;
    private final Consumer<String> onSessionFailure;
    private final ConfirmationBuffer confirmations;
    private final java.util.concurrent.ExecutorService reader =
            java.util.concurrent.Executors.newSingleThreadExecutor(NamedThreads.factory("uplink-read"));
    private final java.util.Queue<Ack> acks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean acksScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Mqtt3AsyncClient client;
    private long session;
    private PublishQueue queue;
    private TokenBucket bucket;
    private int inflight;
    private boolean pumpScheduled;
    private boolean flushScheduled;
    private boolean stopped;

    /**
     * @param enqueue          runs a task on the uplink thread (dropping it once the uplink is closed)
     * @param onSessionFailure called on the uplink thread with a reason when a publish of the session failed
     */
    OutboxPublisher(UplinkSettings settings, Outbox outbox, PayloadStamper stamper, Clock clock,
                    UplinkCounters counters, ScheduledExecutorService loop, Executor enqueue,
                    Consumer<String> onSessionFailure) {
        this.settings = settings;
        this.outbox = outbox;
        this.stamper = stamper;
        this.clock = clock;
        this.counters = counters;
        this.loop = loop;
        this.enqueue = enqueue;
        this.onSessionFailure = onSessionFailure;
        this.confirmations = new ConfirmationBuffer(outbox, CONFIRM_BATCH);
    }

    /** A new session on a connected client: cursors at 0, an empty window, a fresh rate bucket. */
    void begin(Mqtt3AsyncClient connected) {
        session++;
        client = connected;
        flushConfirmations();
        confirmations.awaitWritten(); // rows acknowledged in the last session are then not re-sent
        queue = new PublishQueue(outbox, CHUNK, reader);
        inflight = 0;
        counters.inflight(0);
        bucket = settings.maxPublishRate().isPresent()
                ? new TokenBucket(settings.maxPublishRate().getAsDouble(),
                        settings.maxPublishRate().getAsDouble() / 10, System::nanoTime)
                : null;
        pump();
    }

    /** The session is over: forget its state; answers still to come for it only confirm. */
    void end() {
        session++;
        client = null;
        queue = null;
        inflight = 0;
        counters.inflight(0);
    }

    /** Closing: publish nothing more (confirmations still count). */
    void stop() {
        stopped = true;
    }

    /** New rows may exist (signal or periodic poll). */
    void markMaybeMore() {
        if (queue != null) {
            queue.markMaybeMore();
        }
    }

    void pump() {
        pumpScheduled = false;
        if (queue == null || stopped) {
            return;
        }
        try {
            while (inflight < settings.inflightWindow()) {
                if (queue.peek() == null) {
                    return;
                }
                if (bucket != null && !bucket.tryTake()) {
                    schedulePump(bucket.nanosUntilToken());
                    return;
                }
                if (!publish(queue.poll())) {
                    return;
                }
            }
        } catch (StoreException | RuntimeException e) {
            counters.error("outbox read failed: " + e.getMessage());
            LOG.warn("uplink cannot read the outbox (retrying on the next poll): {}", e.toString());
        }
    }

    private void schedulePump(long nanos) {
        if (!pumpScheduled) {
            pumpScheduled = true;
            loop.schedule(this::pump, Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)), TimeUnit.MICROSECONDS);
        }
    }

    private boolean publish(OutboxMessage message) {
        Instant publishedAt = clock.instant();
        byte[] payload;
        try {
            payload = stamper.stamp(message, publishedAt);
        } catch (RuntimeException e) {
            LOG.error("uplink cannot stamp outbox row {}", message.id(), e);
            onSessionFailure.accept("stamping row " + message.id() + " failed: " + e);
            return false;
        }
        long s = session;
        inflight++;
        counters.published(inflight);
        client.publishWith()
                .topic(settings.topicRoot() + "/" + message.topicSuffix())
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send()
                .whenComplete((ack, error) -> onAck(new Ack(s, message.id(), publishedAt.toEpochMilli(), error)));
        return true;
    }

    /** HiveMQ callback thread: queue the answer; one task on the uplink thread drains all queued answers. */
    private void onAck(Ack ack) {
        acks.add(ack);
        if (acksScheduled.compareAndSet(false, true)) {
            enqueue.execute(this::drainAcks);
        }
    }

    private void drainAcks() {
        acksScheduled.set(false);
        for (Ack a = acks.poll(); a != null; a = acks.poll()) {
            onPublished(a.session(), a.id(), a.publishedAt(), a.error());
        }
        pump();
    }

    /** A publish's outcome; {@code error} is null on PUBACK. */
    private record Ack(long session, long id, long publishedAt, Throwable error) {
    }

    private void onPublished(long s, long id, long publishedAt, Throwable error) {
        if (error == null) {
            counters.confirmedOne();
            if (confirmations.add(new Outbox.Confirmation(id, publishedAt, clock.millis()))) {
                flushConfirmations();
            } else if (!flushScheduled) {
                flushScheduled = true;
                loop.schedule(this::flushConfirmations, CONFIRM_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        }
        if (s != session) {
            return;                                   // a late answer from an ended session
        }
        inflight--;
        counters.inflight(inflight);
        if (error != null) {
            onSessionFailure.accept("publish of row " + id + " failed: " + ConnectFailure.classify(error).reason());
        }
    }

    /** Hands buffered confirmations to the confirmation writer (which retries store errors by itself). */
    void flushConfirmations() {
        flushScheduled = false;
        confirmations.flush();
    }

    /** Closing, after the last flush: stops reading ahead, waits (bounded) until every confirmation is written. */
    void closeConfirmations(long timeoutMs) throws InterruptedException {
        reader.shutdownNow();
        confirmations.close(timeoutMs);
    }
}
