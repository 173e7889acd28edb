package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.reading.Bytes;
import org.vitalgate.reading.DeviceIdentity;
import org.vitalgate.reading.HubClock;
import org.vitalgate.reading.Reading;
import org.vitalgate.reading.Transport;
import org.vitalgate.store.Lane;
import org.vitalgate.store.OutboxMessage;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.testing.bluez.GattBytes;
import org.vitalgate.transport.FlowControl;
import org.vitalgate.transport.RawFrame;
import org.vitalgate.uplink.payload.JsonV1;

/**
 * Ingest under more frames than the store can take, with a real SQLite store: a source that honours the pause
 * loses nothing; a flood that ignores it has every frame counted (kept or not kept, nothing silent), its device's
 * record pointer never passes a record that was not stored, and it costs a few log lines, not one per frame.
 */
class IngestBackpressureIT {
    static final String METER = "C8:DF:84:5E:00:02";
    static final String GLUCOSE = "00002a18-0000-1000-8000-00805f9b34fb";
    static final long QUEUE_BYTES = 64 * 1024;
    static final LocalDateTime BASE = LocalDateTime.of(2026, 11, 1, 7, 0);

    @TempDir
    Path dir;

    final AtomicLong ids = new AtomicLong();
    final NavigableSet<Long> accepted = new ConcurrentSkipListSet<>();
    final AtomicInteger refused = new AtomicInteger();
    SqliteStore store;
    Ingest ingest;

    @BeforeEach
    void open() throws Exception {
        JsonV1 json = new JsonV1("test-hub");
        store = SqliteStore.open(StoreSettings.defaults(dir.resolve("s.db")), Clock.systemUTC(), json, json,
                () -> String.format("01HZZZZZZZZZZZZZZZZZ%06d", ids.incrementAndGet()));
        MapDeviceDirectory devices = new MapDeviceDirectory();
        devices.put(new KnownDevice(new DeviceIdentity(Transport.BLE, METER, "Roche", "Accu-Chek Guide",
                Optional.empty(), Optional.empty(), "roche-accu-chek-guide"), "patient-g", OptionalInt.empty(),
                Map.of(GLUCOSE, "gatt.gls.measurement"), false));
        ingest = new Ingest(devices, CodecRegistry.standard(), store, Clock.systemUTC(), ZoneId.of("Europe/Berlin"),
                () -> HubClock.SYNCHRONIZED, Thread::new, QUEUE_BYTES, new Ingest.Listener() {
                    @Override
                    public void accepted(Reading reading) {
                        accepted.add(reading.content().deviceRecordNumber().orElseThrow());
                    }

                    @Override
                    public void refused(org.vitalgate.reading.ReadingDraft draft, Throwable why) {
                        refused.incrementAndGet();
                    }
                });
    }

    @AfterEach
    void close() {
        if (ingest != null) {
            ingest.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static RawFrame record(int sequence) {
        return new RawFrame(METER, GLUCOSE, Bytes.of(GattBytes.glucose(sequence, BASE.plusMinutes(sequence), 100
                + sequence % 50, false)), Instant.now());
    }

    /** A device session as BLE runs one: told to pause, it sends what is in flight, then waits to resume. */
    static final class HonouringSource implements FlowControl {
        volatile boolean paused;
        final AtomicInteger pauses = new AtomicInteger();

        @Override
        public void pauseFetches() {
            paused = true;
            pauses.incrementAndGet();
        }

        @Override
        public void resumeFetches() {
            paused = false;
        }
    }

    @Test
    void aSourceThatHonoursThePauseHasEveryFrameKept() {
        HonouringSource source = new HonouringSource();
        ingest.addFlowControl(source);
        int n = 8_000;
        int inFlight = 40;                           // frames a device still sends after it was told
        int sinceNoticed = 0;
        for (int seq = 1; seq <= n; seq++) {
            if (source.paused && ++sinceNoticed > inFlight) {
                await().atMost(2, TimeUnit.MINUTES).until(() -> !source.paused);
                sinceNoticed = 0;
            }
            ingest.accept(record(seq));
        }
        await().atMost(3, TimeUnit.MINUTES).until(() -> accepted.size() + refused.get() >= n);

        System.out.printf("honouring source: %d frames offered, %d kept, %d not kept, %d pauses%n", n,
                accepted.size(), ingest.framesNotKept(), source.pauses.get());
        assertThat(source.pauses.get()).as("the store was slower than the source: back-pressure was exercised")
                .isPositive();
        assertThat(ingest.framesNotKept()).isZero();
        assertThat(refused.get()).isZero();
        assertThat(accepted).hasSize(n);
    }

    @Test
    void aFloodIsCountedHoldsTheRecordPointerAndLogsAFewLinesNotOnePerFrame() throws Exception {
        int n = 50_000;                              // glucose sequence numbers are 16-bit
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        long started = System.nanoTime();
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            for (int seq = 1; seq <= n; seq++) {     // ignores the pause, as a misbehaving device would
                ingest.accept(record(seq));
            }
            // once ingest has caught up, the device goes on: these are kept, the pointer must stay held
            await().atMost(3, TimeUnit.MINUTES).until(() -> ingest.queuedFrames() == 0);
            for (int seq = n + 1; seq <= n + 100; seq++) {
                ingest.accept(record(seq));
            }
            ingest.close();                          // hands over what is queued and reports the losses
        } finally {
            System.setOut(original);
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        long notKept = ingest.framesNotKept();
        int offered = n + 100;
        await().atMost(3, TimeUnit.MINUTES).until(() -> accepted.size() + refused.get() + notKept >= offered);

        List<String> lines = Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(l -> l.contains("ingest queue full")).toList();
        System.out.printf("flood: %d frames offered in %d s, %d kept, %d not kept, %d log lines about it%n", offered,
                seconds, accepted.size(), notKept, lines.size());

        assertThat(notKept).as("saturated").isPositive();
        assertThat(accepted.size() + refused.get() + notKept).as("every frame counted").isEqualTo(offered);
        assertThat(accepted).contains((long) n + 100);
        assertThat(refused.get()).isZero();
        // one line per 10 s while it lasts, plus the final report at close
        assertThat(lines).hasSizeBetween(1, (int) (seconds / 10 + 2));
        Matcher total = Pattern.compile("\\((\\d+) in total\\)").matcher(lines.get(lines.size() - 1));
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1))).isEqualTo(notKept);

        // the pointer never passes a record that was not stored: the meter is asked for the lost ones again
        long pointer = store.lastRecordNumber(METER).orElse(0);
        for (long r = 1; r <= pointer; r++) {
            assertThat(accepted).as("record %d below the pointer %d", r, pointer).contains(r);
        }
        assertThat(pointer).isLessThan(accepted.last());

        // and the loss reached the platform as counted events, not one per frame
        ObjectMapper mapper = new ObjectMapper();
        long eventFrames = 0;
        int events = 0;
        for (OutboxMessage m : store.pending(Lane.DIAGNOSTIC, 0, 1000)) {
            JsonNode e = mapper.readTree(m.payload().toByteArray());
            if (e.path("type").asText().equals("frames-not-kept")) {
                events++;
                assertThat(e.path("attributes").path("address").asText()).isEqualTo(METER);
                eventFrames += Long.parseLong(e.path("attributes").path("frames").asText());
            }
        }
        System.out.printf("flood: %d frames-not-kept events counting %d frames%n", events, eventFrames);
        assertThat(events).isBetween(1, (int) (seconds / 60 + 2));
        // an event made while the writer's queue is full may itself be dropped (and counted by the store)
        assertThat(eventFrames).isPositive().isLessThanOrEqualTo(notKept);
    }

    /** Writes to both streams. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) {
            try {
                a.write(x);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            synchronized (b) {
                try {
                    b.write(x);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
