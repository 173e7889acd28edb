package org.vitalgate.transport.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.vitalgate.reading.Bytes;

/**
 * One simulated home device: it keeps its own drifting wall clock and produces the GATT bytes a real device of
 * its kind would send. Confined to the simulation thread.
 */
final class SimulatedDevice {
    private final SimulatedDeviceInfo info;
    private final Random random;
    private Duration clockOffset;
    private final double driftPpm;
    private final Deque<SimFrame> memory = new ArrayDeque<>();
    private int glucoseSequence;

    SimulatedDevice(SimulatedDeviceInfo info, Random random) {
        this.info = Objects.requireNonNull(info, "info");
        this.random = Objects.requireNonNull(random, "random");
        // Home devices are set by hand, or not at all: minutes off, drifting tens of ppm.
        this.clockOffset = Duration.ofSeconds(random.nextInt(600) - 240);
        this.driftPpm = random.nextInt(80) - 40;
        this.glucoseSequence = 100 + random.nextInt(50);
    }

    SimulatedDeviceInfo info() {
        return info;
    }

    /** The device's wall clock, given the hub's wall clock and how long the simulation has run. */
    synchronized LocalDateTime deviceClock(LocalDateTime hubLocal, Duration elapsed) {
        long driftMillis = (long) (elapsed.toMillis() * driftPpm / 1_000_000.0);
        return hubLocal.plus(clockOffset).plusNanos(driftMillis * 1_000_000L).withNano(0);
    }

    /**
     * The hub set this device's clock to {@code written} when the hub's wall clock said {@code hubLocal}: from now
     * on the device counts from there (and keeps drifting). Called on the fake bluetoothd's device thread.
     */
    synchronized void clockSet(LocalDateTime written, LocalDateTime hubLocal, Duration elapsed) {
        long driftMillis = (long) (elapsed.toMillis() * driftPpm / 1_000_000.0);
        clockOffset = Duration.between(hubLocal, written).minusMillis(driftMillis);
    }

    /**
     * Frames of one measurement session: the clock (Current Time read on connect), then, for a glucose meter,
     * its last two stored records again (meters re-send memory; the hub must store each record once), then
     * the new measurement.
     */
    List<SimFrame> measure(LocalDateTime deviceNow) {
        List<SimFrame> frames = new ArrayList<>();
        frames.add(new SimFrame(GattUuids.CURRENT_TIME, GattBytes.currentTime(deviceNow)));
        frames.addAll(memory);
        SimFrame fresh = measurement(deviceNow);
        frames.add(fresh);
        if (info.kind() == SimulatedDeviceInfo.Kind.GLUCOMETER) {
            memory.addLast(fresh);
            if (memory.size() > 2) {
                memory.removeFirst();
            }
        }
        return frames;
    }

    /** The glucose sequence number of the last measurement (glucose meters). */
    int lastGlucoseSequence() {
        return glucoseSequence;
    }

    /** One fresh measurement taken at device time {@code t}. */
    SimFrame measurement(LocalDateTime t) {
        return switch (info.kind()) {
            case BP_CUFF -> {
                int sys = 112 + random.nextInt(30);
                int dia = 68 + random.nextInt(18);
                int map = (sys + 2 * dia) / 3;
                int pulse = 58 + random.nextInt(30);
                boolean irregular = random.nextInt(25) == 0;
                yield new SimFrame(GattUuids.BLOOD_PRESSURE_MEASUREMENT,
                        GattBytes.bloodPressure(sys, dia, map, pulse, 1, irregular, t));
            }
            case OXIMETER -> new SimFrame(GattUuids.PLX_SPOT_CHECK,
                    GattBytes.plxSpotCheck(94 + random.nextInt(6), 55 + random.nextInt(35), t));
            case SCALE -> new SimFrame(GattUuids.WEIGHT_MEASUREMENT,
                    GattBytes.weightKg(72.0 + random.nextInt(400) / 100.0, 1, t));
            case GLUCOMETER -> new SimFrame(GattUuids.GLUCOSE_MEASUREMENT,
                    GattBytes.glucoseMgDl(++glucoseSequence, 85 + random.nextInt(70), t));
            case THERMOMETER -> new SimFrame(GattUuids.TEMPERATURE_MEASUREMENT,
                    GattBytes.temperatureCelsius(3610 + random.nextInt(90), t));
        };
    }

    /** One frame of bytes on one characteristic. */
    record SimFrame(String characteristicUuid, Bytes payload) {
    }
}
