package org.vitalgate.transport.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.vitalgate.transport.FrameSink;
import org.vitalgate.transport.RawFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated home: a BP cuff, an oximeter, a scale, a glucose meter and a thermometer, each with its own
 * drifting clock, taking turns to measure and delivering real GATT bytes as {@link RawFrame}s, exactly like the
 * BLE transport. Used by {@code vitalgate demo} and, when enabled in the config, by {@code vitalgate run}.
 * Runs on its own thread {@code sim-home}; {@link #close()} is thread-safe.
 */
public final class SimulatedHome implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHome.class);

    private final Clock clock;
    private final ZoneId zone;
    private final Random random;
    private final List<SimulatedDevice> devices;
    private final MeasurementTimer timer;
    private Instant startedAt;
    private long connections;

    public SimulatedHome(Clock clock, ZoneId zone, Duration meanInterval, long seed, java.util.concurrent.ThreadFactory threads) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.random = new Random(seed);
        this.timer = new MeasurementTimer(meanInterval, random, threads);
        this.devices = standardDevices(seed).stream().map(i -> new SimulatedDevice(i, random)).toList();
    }

    /** The five devices of the simulated home. Addresses are stable across runs, serial numbers per seed. */
    public static List<SimulatedDeviceInfo> standardDevices(long seed) {
        String s = Long.toHexString(seed & 0xFFFF).toUpperCase(java.util.Locale.ROOT);
        return List.of(
                new SimulatedDeviceInfo("SIM:BP:01", SimulatedDeviceInfo.Kind.BP_CUFF,
                        "A&D Medical", "UA-651BLE", "5170" + s, "sim-1.0"),
                new SimulatedDeviceInfo("SIM:OX:01", SimulatedDeviceInfo.Kind.OXIMETER,
                        "Nonin Medical", "3230", "502" + s, "sim-1.0"),
                new SimulatedDeviceInfo("SIM:WS:01", SimulatedDeviceInfo.Kind.SCALE,
                        "A&D Medical", "UC-352BLE", "5180" + s, "sim-1.0"),
                new SimulatedDeviceInfo("SIM:GL:01", SimulatedDeviceInfo.Kind.GLUCOMETER,
                        "Ascensia", "Contour Next One", "7A" + s, "sim-1.0"),
                new SimulatedDeviceInfo("SIM:TH:01", SimulatedDeviceInfo.Kind.THERMOMETER,
                        "A&D Medical", "UT-201BLE", "5190" + s, "sim-1.0"));
    }

    public List<SimulatedDeviceInfo> devices() {
        return devices.stream().map(SimulatedDevice::info).toList();
    }

    /** Starts taking measurements, delivering frames to {@code sink}. */
    public synchronized void start(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (startedAt != null) {
            throw new IllegalStateException("already started");
        }
        startedAt = clock.instant();
        LOG.info("simulated home started: {} devices, a measurement every ~{} ms", devices.size(),
                timer.meanInterval().toMillis());
        timer.start(() -> measureOnce(sink));
    }

    private void measureOnce(FrameSink sink) {
        SimulatedDevice device = devices.get(random.nextInt(devices.size()));
        Instant now = clock.instant();
        LocalDateTime deviceNow = device.deviceClock(LocalDateTime.ofInstant(now, zone),
                Duration.between(startedAt, now));
        long connection = ++connections; // each measurement session stands for one connection
        for (SimulatedDevice.SimFrame f : device.measure(deviceNow)) {
            sink.accept(new RawFrame(device.info().address(), f.characteristicUuid(), f.payload(), clock.instant(),
                    connection, RawFrame.Kind.RECEIVED));
        }
    }

    @Override
    public void close() {
        timer.close();
    }
}
