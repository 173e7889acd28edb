package org.vitalgate.testing.bluez;

import org.vitalgate.transport.sim.bluez.DeviceSide;
import org.vitalgate.transport.sim.bluez.RacpGlucoseMeter;
import org.vitalgate.transport.sim.bluez.UploadOnSubscribe;
import org.vitalgate.transport.sim.bluez.FakeBluez;
import org.vitalgate.transport.sim.bluez.SimBehaviour;
import org.vitalgate.transport.sim.bluez.SimDevice;

import static org.vitalgate.transport.sim.bluez.SimDevice.ch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.vitalgate.transport.ble.GattUuid;

/** Ready-made simulated devices modelled on the behaviour in device-protocols.md Part B. Test-only. */
public final class SimDevices {
    private SimDevices() {
    }

    /**
     * A&D UA-651BLE-like cuff: after indications on 0x2A35 are enabled it indicates every stored reading not yet
     * sent, then drops the link by itself. Remembers whether Date Time 0x2A08 was written first.
     */
    public static final class AndCuff implements SimBehaviour {
        private final List<byte[]> unsent = new ArrayList<>();
        private final AtomicBoolean clockWrittenBeforeData = new AtomicBoolean();
        private final AtomicInteger uploads = new AtomicInteger();
        private volatile boolean clockWritten;

        public AndCuff(List<byte[]> stored) {
            unsent.addAll(stored);
        }

        public boolean clockWrittenBeforeData() {
            return clockWrittenBeforeData.get();
        }

        /** The cuff took a measurement: it is indicated the next time indications are on. */
        public void measure(byte[] reading) {
            synchronized (unsent) {
                unsent.add(reading.clone());
            }
        }

        /** How many times indications were switched on (by the hub, or by BlueZ re-enabling a session). */
        public int uploads() {
            return uploads.get();
        }

        @Override
        public void onWrite(DeviceSide device, String uuid, byte[] value) {
            if (uuid.equals(GattUuid.of16(0x2A08))) {
                if (value.length != 7) {
                    throw FakeBluez.error("org.bluez.Error.InvalidValueLength", "Date Time is 7 octets");
                }
                clockWritten = true;
            }
        }

        @Override
        public void onNotifyStarted(DeviceSide device, String uuid) {
            if (!uuid.equals(GattUuid.of16(0x2A35))) {
                return;
            }
            clockWrittenBeforeData.set(clockWritten);
            uploads.incrementAndGet();
            device.later(20, () -> {
                synchronized (unsent) {
                    while (!unsent.isEmpty() && device.isNotifying(uuid)) {
                        device.notify(uuid, unsent.remove(0));
                    }
                }
                device.later(50, device::disconnect);
            });
        }

        @Override
        public void onDisconnected(DeviceSide device) {
            clockWritten = false;
        }
    }

    public static SimDevice andUa651(String address, AndCuff firmware) {
        return SimDevice.builder(address, "A&D_UA-651BLE_8E2A1C")
                .advertises("1810")
                .pairing(SimDevice.PairingKind.JUST_WORKS)
                .service("1810", ch("2A35", "indicate"), ch("2A08", "read", "write"),
                        ch("2A49", GattBytes.u16(0x0005), "read"))
                .service("180F", ch("2A19", new byte[] {100}, "read", "notify"))
                .service("233BF000-5A34-1B6D-975C-000D5690ABE4",
                        ch("233BF001-5A34-1B6D-975C-000D5690ABE4", "write", "notify"))
                .behaviour(firmware)
                .build();
    }

    /** A glucose record (kept here so tests can say {@code SimDevices.GlucoseRecord}). */
    public static RacpGlucoseMeter.GlucoseRecord record(int sequence, byte[] measurement, byte[] context) {
        return new RacpGlucoseMeter.GlucoseRecord(sequence, measurement, context);
    }

    public static SimDevice glucoseMeter(String address, String name, RacpGlucoseMeter firmware,
                                         SimDevice.PairingKind pairing, int passkey) {
        SimDevice.Builder b = SimDevice.builder(address, name)
                .advertises("1808")
                .service("1808", ch("2A18", "notify"), ch("2A34", "notify"), ch("2A51", GattBytes.u16(0x0003), "read"),
                        ch("2A52", "write", "indicate"))
                .service("180A", ch("2A29", "Ascensia".getBytes(java.nio.charset.StandardCharsets.UTF_8), "read"))
                .behaviour(firmware);
        if (pairing == SimDevice.PairingKind.PASSKEY_ENTRY) {
            b.passkey(passkey);
        } else {
            b.pairing(pairing);
        }
        return b.build();
    }

    /** UC-352BLE-like scale: indicates its stored weight and disconnects. */
    public static SimDevice weightScale(String address, byte[] measurement) {
        return SimDevice.builder(address, "A&D_UC-352BLE_2C3D4E")
                .advertises("181D")
                .pairing(SimDevice.PairingKind.JUST_WORKS)
                .service("181D", ch("2A9D", "indicate"), ch("2A9E", new byte[] {0x0F, 0, 0, 0}, "read"),
                        ch("2A08", "read", "write"))
                .behaviour(new UploadOnSubscribe("2A9D", List.of(measurement), true, false))
                .build();
    }

    public static SimDevice thermometer(String address, byte[] measurement) {
        return SimDevice.builder(address, "TEMP-1809")
                .advertises("1809")
                .service("1809", ch("2A1C", "indicate"), ch("2A1D", new byte[] {4}, "read"))
                .behaviour(new UploadOnSubscribe("2A1C", List.of(measurement), false, false))
                .build();
    }

    /** PLX oximeter streaming continuous measurements every {@code periodMillis} while subscribed. */
    public static final class PlxStream implements SimBehaviour {
        private final long periodMillis;
        private final AtomicInteger tick = new AtomicInteger();

        public PlxStream(long periodMillis) {
            this.periodMillis = periodMillis;
        }

        /** The value sent at tick {@code n}: SpO2 95..99, pulse 60 + n % 20. */
        public static byte[] valueAt(int n) {
            return GattBytes.plxContinuous(95 + n % 5, 60 + n % 20);
        }

        @Override
        public void onNotifyStarted(DeviceSide device, String uuid) {
            if (uuid.equals(GattUuid.of16(0x2A5F))) {
                schedule(device);
            }
        }

        private void schedule(DeviceSide device) {
            device.later(periodMillis, () -> {
                if (device.isNotifying("2A5F")) {
                    device.notify("2A5F", valueAt(tick.getAndIncrement()));
                    schedule(device);
                }
            });
        }
    }

    public static SimDevice plxOximeter(String address, PlxStream firmware) {
        return SimDevice.builder(address, "PLX-OXI")
                .advertises("1822")
                .service("1822", ch("2A5F", "notify"), ch("2A5E", "indicate"),
                        ch("2A60", new byte[] {0, 0}, "read"))
                .service("180A", ch("2A29", "Contec".getBytes(java.nio.charset.StandardCharsets.UTF_8), "read"),
                        ch("2A24", "CMS50D-BT".getBytes(java.nio.charset.StandardCharsets.UTF_8), "read"))
                .behaviour(firmware)
                .build();
    }

    /** A device nobody provisioned: a beacon-like battery service and manufacturer data. */
    public static SimDevice stranger(String address) {
        return SimDevice.builder(address, "Stranger")
                .advertises("180F")
                .rssi(-85)
                .manufacturerData(0x004C, (byte) 0x02, (byte) 0x15)
                .service("180F", ch("2A19", new byte[] {55}, "read"))
                .build();
    }
}
