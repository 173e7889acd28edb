package org.vitalgate.uplink;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.reactivex.schedulers.Schedulers;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.HubClock;
import org.vitalgate.store.Outbox;

/**
 * Publishes the outbox to the MQTT broker (QoS 1, MQTT 3.1.1, HiveMQ client) and confirms rows on PUBACK.
 *
 * <pre>
 *                start()
 *  DISCONNECTED ─────────► CONNECTING ──CONNACK──► CONNECTED ──connection lost / publish failed──┐
 *                            ▲   │  │                                                            │
 *                            │   │  └─identity refused (CONNACK not-authorized, bad user/password,│
 *                            │   │     identifier rejected; any TLS failure; bad TLS/credential   │
 *                            │   │     files)──► REJECTED ── rejectionBackoff ──┐                 │
 *                            │   │               (or as soon as the hub clock   │                 │
 *                            │   │                is synchronized, when the     │                 │
 *                            │   │                broker certificate's validity │                 │
 *                            │   │                failed on an unsynchronized   │                 │
 *                            │   │                clock)                        │                 │
 *                            │   └─other failure──► BACKOFF ◄────────────────────┼─────────────────┘
 *                            │                       │ backoffMin..backoffMax,   │
 *                            └───────────────────────┴─full jitter ──────────────┘
 *  any state ──close()──► CLOSED   (offline status published, then a clean DISCONNECT: no will)
 * </pre>
 *
 * <p>Delivery: each MQTT session (clean session) starts with per-lane cursors at 0 and re-sends every
 * unconfirmed row in id order, clinical before diagnostic, keeping at most {@code inflightWindow} publishes
 * awaiting PUBACK (the HiveMQ client would otherwise queue without bound in memory; the outbox is the buffer).
 * A completed publish future (PUBACK) is a confirmation, written to the outbox in batches; late PUBACKs of an
 * old session still count. Any publish failure or connection loss ends the session: its in-memory state is
 * dropped and everything unconfirmed is sent again, in order, after reconnecting. Duplicates carry the same
 * payload id; the backend de-duplicates. Why not track "published": losing a vital sign is worse than sending
 * it twice.
 *
 * <p>Certificate validity and the hub clock: a broker certificate refused as not yet valid or expired is judged by
 * the hub's clock. While that clock is not synchronized (see {@code hubClock}), the uplink retries as soon as it
 * is, not after {@code rejectionBackoff}; when the hub cannot tell, with the ordinary backoff.
 *
 * <p>Logging: why the hub is not connected is logged at WARN once per cause, then every 10 minutes with the number
 * of attempts that failed the same way ({@link OutageLog}); the end of an outage at INFO.
 *
 * <p>Threads: all state is confined to the single {@code uplink} thread, where HiveMQ also runs its future
 * completions and listeners (they only enqueue); HiveMQ's one Netty thread does the socket I/O. One client instance is reused across
 * reconnects (rebuilt only when the TLS files changed), so connect attempts create no threads.
 * {@link #start()}, {@link #signal()}, {@link #publishTransient}, {@link #state()}, {@link #status()} and
 * {@link #close()} are thread-safe.
 */
public final class MqttUplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    private static final long POLL_MS = 1000;      // safety net only: signal() is the fast path
    private static final long CLOSE_STEP_MS = 2000;
    private static final long CLOCK_POLL_MS = 1000;
    /** How often a cause of failed connect attempts is logged again (with the number of repeats). */
    private static final Duration OUTAGE_REMINDER = Duration.ofMinutes(10);
    /**
     * The largest MQTT packet the hub accepts from the broker (commands are a few hundred bytes; AWS IoT Core
     * allows 128 KiB, Azure IoT Hub 256 KiB). A larger one ends the connection at its header, before its bytes
     * are buffered; see docs/mqtt-contract.md for the broker-side limit MQTT 3.1.1 needs.
     */
    public static final int MAX_INBOUND_PACKET_BYTES = 256 * 1024;

    private final UplinkSettings settings;
    private final StatusPayloads statusPayloads;
    private final CommandHandler commands;
    private final UplinkListener listener;
    private final Clock clock;
    private final Backoff backoff;
    private final ClientFactory clients;
    private final ScheduledExecutorService loop;
    private final UplinkCounters counters = new UplinkCounters();
    private final OutboxPublisher publisher;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long heartbeat = System.nanoTime();   // the uplink loop's last poll (systemd watchdog)
    private final String cmdPrefix;
    private final Supplier<HubClock> hubClock;
    private final OutageLog outage;

    // confined to the uplink thread (client is volatile for publishTransient)
    private volatile Mqtt3AsyncClient client;
    private volatile UplinkState state = UplinkState.DISCONNECTED;
    private String clientTlsFingerprint = "";
    private int attempt;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> poll;
    private CompletableFuture<?> connecting;
    private ScheduledFuture<?> clockWatch;

    public MqttUplink(UplinkSettings settings, Outbox outbox, StatusPayloads statusPayloads, PayloadStamper stamper,
                      CommandHandler commands, UplinkListener listener, Clock clock) {
        this(settings, outbox, statusPayloads, stamper, commands, listener, clock, () -> HubClock.UNKNOWN);
    }

    /**
     * @param hubClock whether the hub clock is synchronized: a broker certificate refused as not yet valid or
     *                 expired while it is not is retried as soon as it is, instead of after {@code rejectionBackoff}
     */
    public MqttUplink(UplinkSettings settings, Outbox outbox, StatusPayloads statusPayloads, PayloadStamper stamper,
                      CommandHandler commands, UplinkListener listener, Clock clock, Supplier<HubClock> hubClock) {
        this.hubClock = Objects.requireNonNull(hubClock, "hubClock");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(outbox, "outbox");
        this.statusPayloads = Objects.requireNonNull(statusPayloads, "statusPayloads");
        Objects.requireNonNull(stamper, "stamper");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax(), RandomGenerator.getDefault());
        this.cmdPrefix = settings.topicRoot() + "/cmd/";
        this.outage = new OutageLog(settings.broker().toString(), clock, new LogThrottle(OUTAGE_REMINDER, 16),
                LOG::warn, LOG::info);
        this.loop = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("uplink"));
        // HiveMQ completes its futures and calls its listeners on the uplink thread (its application scheduler):
        // the Netty thread does only I/O, and no third thread sits between a PUBACK and the next publish.
        // Callbacks still only enqueue and never block; work handed over after close is dropped.
        this.clients = new ClientFactory(settings, Schedulers.from(this::runOnLoop));   // validates the broker URI
        this.publisher = new OutboxPublisher(settings, outbox, stamper, clock, counters, loop, this::runOnLoop,
                reason -> endSession(reason, true));
    }

    /** Starts connecting in the background. Idempotent. */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        if (started.compareAndSet(false, true)) {
            loop.execute(this::connect);
            poll = loop.scheduleWithFixedDelay(() -> {
                heartbeat = System.nanoTime();
                try {                                  // a periodic task that throws is never run again
                    publisher.markMaybeMore();
                    publisher.pump();
                } catch (RuntimeException e) {
                    LOG.error("uplink poll failed", e);
                }
            }, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** New rows were committed to the outbox: publish them soon. Cheap; call after every commit. */
    public void signal() {
        if (signalled.compareAndSet(false, true)) {
            runOnLoop(() -> {
                signalled.set(false);
                publisher.markMaybeMore();
                publisher.pump();
            });
        }
    }

    /**
     * Publishes a message that is not stored (health, command results) with QoS 1 to
     * {@code {topicRoot}/{topicSuffix}}. Returns false, dropping it, when not connected.
     */
    public boolean publishTransient(String topicSuffix, byte[] payload) {
        Objects.requireNonNull(topicSuffix, "topicSuffix");
        Objects.requireNonNull(payload, "payload");
        Mqtt3AsyncClient c = client;
        if (state != UplinkState.CONNECTED || c == null || closed.get()) {
            return false;
        }
        send(c, topicSuffix, payload, false).whenComplete((p, e) -> {
            if (e != null) {
                LOG.debug("transient publish to {} failed: {}", topicSuffix, e.toString());
            }
        });
        return true;
    }

    /**
     * {@link System#nanoTime()} of the uplink thread's last periodic poll (every second, connected or not): stale
     * when the uplink thread is stuck, whatever the MQTT keepalive on the Netty thread says. Thread-safe.
     */
    public long heartbeatNanos() {
        return heartbeat;
    }

    public UplinkState state() {
        return state;
    }

    public UplinkStatus status() {
        return counters.snapshot(state);
    }

    // ---------------------------------------------------------------- connecting

    private void connect() {
        retry = null;
        if (closed.get()) {
            return;
        }
        setState(UplinkState.CONNECTING);
        Mqtt3Connect message;
        try {
            String fingerprint = clients.tlsFingerprint();
            if (client == null || !fingerprint.equals(clientTlsFingerprint)) {
                client = clients.build(this::onDisconnected);
                clientTlsFingerprint = fingerprint;
            }
            message = connectMessage();
        } catch (TlsMaterialException | CredentialsException e) {
            onConnectFailed(ConnectFailure.classify(e));
            return;
        }
        Mqtt3AsyncClient c = client;
        CompletableFuture<?> attemptFuture = c.connect(message);
        connecting = attemptFuture;
        attemptFuture.whenComplete((ack, error) -> {
            if (closed.get() && error == null) {
                c.disconnect();          // close() raced with this attempt: leave cleanly (no will)
                return;
            }
            runOnLoop(() -> onConnectResult(c, error));
        });
    }

    private Mqtt3Connect connectMessage() throws CredentialsException {
        Mqtt3ConnectBuilder builder = Mqtt3Connect.builder()
                .cleanSession(true)
                .keepAlive((int) Math.min(65535, Math.max(0, settings.keepAlive().toSeconds())))
                .willPublish(Mqtt3Publish.builder()
                        .topic(settings.topicRoot() + "/status")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(statusPayloads.offline())
                        .retain(settings.retainStatus())
                        .build());
        if (settings.credentialsFile().isPresent()) {
            Credentials credentials = Credentials.read(settings.credentialsFile().get());
            builder = builder.simpleAuth()
                    .username(credentials.username())
                    .password(credentials.password())
                    .applySimpleAuth();
        }
        return InboundLimit.apply(builder.build(), MAX_INBOUND_PACKET_BYTES);
    }

    private void onConnectResult(Mqtt3AsyncClient c, Throwable error) {
        connecting = null;
        if (closed.get() || c != client) {
            return;
        }
        if (error != null) {
            onConnectFailed(ConnectFailure.classify(error));
            return;
        }
        attempt = 0;
        stopClockWatch();
        counters.connected();
        setState(UplinkState.CONNECTED);
        LOG.info("uplink connected to {} as {}", settings.broker(), settings.clientId());
        outage.connected();
        send(c, "status", statusPayloads.online(clock.instant()), settings.retainStatus());
        // Why the callback belongs to the subscription: the session is clean, so each CONNACK starts a session
        // without the previous one's publish flows (a callback registered once per client hears only the first
        // session; later commands end in HiveMQ's "No publish flow registered" and are never answered).
        c.subscribeWith().topicFilter(cmdPrefix + "+").qos(MqttQos.AT_LEAST_ONCE).callback(this::onInbound).send()
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        LOG.warn("uplink could not subscribe to {}+: {}", cmdPrefix, e.toString());
                    }
                });
        publisher.begin(c);
    }

    private void onConnectFailed(ConnectFailure failure) {
        counters.error(failure.reason());
        if (failure.certificateValidity()) {
            HubClock clockState = hubClock.get();
            if (clockState == HubClock.NOT_SYNCHRONIZED) {
                // Why: a Pi without RTC runs on a stale clock until NTP answers; the certificate is probably fine.
                rejected(failure, "the hub clock is not synchronized yet: retrying as soon as it is (at the latest in "
                        + settings.rejectionBackoff() + ")");
                watchClock();
                return;
            }
            if (clockState == HubClock.UNKNOWN) {
                backOff(failure, "the hub cannot tell whether its clock is synchronized: ");
                return;
            }
        }
        if (failure.kind() == ConnectFailure.Kind.REJECTED) {
            rejected(failure, "next attempt in " + settings.rejectionBackoff());
        } else {
            backOff(failure, "");
        }
    }

    private void rejected(ConnectFailure failure, String next) {
        counters.rejected();
        setState(UplinkState.REJECTED);
        outage.failed(failure, "rejected; " + next);
        scheduleConnect(settings.rejectionBackoff());
        try {
            listener.rejected(failure);
        } catch (RuntimeException e) {
            LOG.error("uplink listener failed", e);
        }
    }

    private void backOff(ConnectFailure failure, String why) {
        setState(UplinkState.BACKOFF);
        Duration wait = backoff.delay(attempt);
        outage.failed(failure, why + "retrying in " + wait + " (backoff up to " + settings.backoffMax() + ")");
        LOG.debug("uplink cannot connect (attempt {}): {}; retrying in {}", attempt + 1, failure.reason(), wait);
        attempt = Math.min(attempt + 1, 60);
        scheduleConnect(wait);
    }

    /** While rejected for the hub clock's sake: connect as soon as the clock is synchronized. */
    private void watchClock() {
        if (clockWatch != null || closed.get()) {
            return;
        }
        clockWatch = loop.scheduleWithFixedDelay(() -> {
            try {
                if (state == UplinkState.REJECTED && hubClock.get() == HubClock.SYNCHRONIZED) {
                    stopClockWatch();
                    if (retry != null) {
                        retry.cancel(false);
                    }
                    LOG.info("uplink: the hub clock is synchronized now; connecting again");
                    connect();
                }
            } catch (RuntimeException e) {
                LOG.error("uplink clock watch failed", e);
            }
        }, CLOCK_POLL_MS, CLOCK_POLL_MS, TimeUnit.MILLISECONDS);
    }

    private void stopClockWatch() {
        if (clockWatch != null) {
            clockWatch.cancel(false);
            clockWatch = null;
        }
    }

    private void scheduleConnect(Duration wait) {
        if (!closed.get()) {
            retry = loop.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** HiveMQ thread: fires for lost connections, failed attempts and our own disconnects. */
    private void onDisconnected(MqttClientDisconnectedContext context) {
        if (context.getSource() == MqttDisconnectSource.USER) {
            return;                                   // our own disconnect (close, or ending a failed session)
        }
        Throwable cause = context.getCause();
        runOnLoop(() -> {
            if (state == UplinkState.CONNECTED) {     // failed attempts are handled by the connect future
                endSession("connection lost: " + ConnectFailure.classify(cause).reason(), false);
            }
        });
    }

    /** Ends the current session (state CONNECTED) and schedules a reconnect. */
    private void endSession(String reason, boolean disconnect) {
        if (state != UplinkState.CONNECTED) {
            return;
        }
        publisher.end();
        outage.lost();
        counters.lost();
        counters.error(reason);
        setState(UplinkState.BACKOFF);
        Duration wait = backoff.delay(attempt);
        attempt = Math.min(attempt + 1, 60);
        LOG.warn("uplink {}; reconnecting in {}", reason, wait);
        Mqtt3AsyncClient c = client;
        if (disconnect && c != null) {
            c.disconnect().whenComplete((v, e) -> runOnLoop(() -> scheduleConnect(wait)));
        } else {
            scheduleConnect(wait);
        }
    }

    // ---------------------------------------------------------------- messages

    private CompletableFuture<Mqtt3Publish> send(Mqtt3AsyncClient c, String suffix, byte[] payload, boolean retain) {
        return c.publishWith()
                .topic(settings.topicRoot() + "/" + suffix)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(retain)
                .payload(payload)
                .send();
    }

    private void onInbound(Mqtt3Publish publish) {
        String topic = publish.getTopic().toString();
        if (!topic.startsWith(cmdPrefix)) {
            return;
        }
        String name = topic.substring(cmdPrefix.length());
        byte[] payload = publish.getPayloadAsBytes();
        runOnLoop(() -> {
            try {
                commands.onCommand(name, payload);
            } catch (RuntimeException e) {
                LOG.error("command handler failed for {}", name, e);
            }
        });
    }

    // ---------------------------------------------------------------- lifecycle

    private void setState(UplinkState next) {
        UplinkState previous = state;
        if (previous != next) {
            state = next;
            try {
                listener.stateChanged(previous, next);
            } catch (RuntimeException e) {
                LOG.error("uplink listener failed", e);
            }
        }
    }

    private void runOnLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("uplink closed; dropping a callback");
        }
    }

    /**
     * Stops publishing, publishes the offline status, waits (bounded) for outstanding PUBACKs, writes the
     * confirmations and disconnects cleanly, so the broker discards the will. Idempotent; bounded to a few
     * seconds.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            CompletableFuture<?> offline = callOnLoop(this::beginClose);
            await(offline);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_STEP_MS);
            while (counters.inflightNow() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            await(callOnLoop(this::finishClose));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loop.shutdownNow();
            try {
                loop.awaitTermination(CLOSE_STEP_MS, TimeUnit.MILLISECONDS);
                publisher.closeConfirmations(CLOSE_STEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            state = UplinkState.CLOSED;
        }
    }

    private CompletableFuture<?> beginClose() {
        publisher.stop();
        if (retry != null) {
            retry.cancel(false);
        }
        if (poll != null) {
            poll.cancel(false);
        }
        stopClockWatch();
        if (state == UplinkState.CONNECTED && client != null) {
            return send(client, "status", statusPayloads.offline(), settings.retainStatus());
        }
        return connecting != null ? connecting : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<?> finishClose() {
        publisher.flushConfirmations();
        Mqtt3AsyncClient c = client;
        CompletableFuture<?> done = c != null && c.getState().isConnected()
                ? c.disconnect() : CompletableFuture.completedFuture(null);
        setState(UplinkState.CLOSED);
        LOG.info("uplink closed");
        return done;
    }

    private CompletableFuture<?> callOnLoop(java.util.concurrent.Callable<CompletableFuture<?>> task)
            throws InterruptedException {
        try {
            return loop.submit(task).get(CLOSE_STEP_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RejectedExecutionException e) {
            LOG.warn("uplink close step failed: {}", e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    private static void await(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(CLOSE_STEP_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("uplink close: {}", e.toString());
        }
    }
}
