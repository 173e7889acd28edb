package org.vitalgate.transport.sim.bluez;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vitalgate.transport.ble.GattUuid;

/**
 * What a simulated peripheral looks like over the air: address, advertisement, pairing method, GATT database and
 * the behaviour that drives it. Built once per test; the advertisement's in-range flag and RSSI are mutable.
 */
public final class SimDevice {
    /** How the device pairs. */
    public enum PairingKind { NONE, JUST_WORKS, PASSKEY_ENTRY, NUMERIC_COMPARISON }

    /** One characteristic: UUID, BlueZ flags ("read", "write", "write-without-response", "notify", "indicate"). */
    public record Characteristic(String uuid, List<String> flags, byte[] initialValue) {
        public Characteristic {
            uuid = GattUuid.normalize(uuid);
            flags = List.copyOf(flags);
            initialValue = initialValue.clone();
        }
    }

    /** One primary service with its characteristics. */
    public record Service(String uuid, List<Characteristic> characteristics) {
        public Service {
            uuid = GattUuid.normalize(uuid);
            characteristics = List.copyOf(characteristics);
        }
    }

    final String address;
    final String name;
    final List<String> advertisedUuids;
    final Map<Integer, byte[]> manufacturerData;
    final PairingKind pairing;
    final int passkey;
    final List<Service> services;
    final SimBehaviour behaviour;
    volatile boolean inRange = true;
    volatile short rssi;
    volatile long connectDelayMillis;
    volatile long pairDelayMillis;
    volatile long pairReplyDelayMillis;
    volatile boolean bondLost;
    volatile boolean dropLinkAfterResolve;
    private final java.util.Set<String> dropDuring = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private SimDevice(Builder b) {
        this.address = b.address;
        this.name = b.name;
        this.advertisedUuids = List.copyOf(b.advertisedUuids);
        this.manufacturerData = Map.copyOf(b.manufacturerData);
        this.pairing = b.pairing;
        this.passkey = b.passkey;
        this.services = List.copyOf(b.services);
        this.behaviour = b.behaviour;
        this.rssi = b.rssi;
    }

    public static Builder builder(String address, String name) {
        return new Builder(address, name);
    }

    public String address() {
        return address;
    }

    public String name() {
        return name;
    }

    public SimBehaviour behaviour() {
        return behaviour;
    }

    /** Out of range: no advertisements, Connect fails. */
    public void setInRange(boolean inRange) {
        this.inRange = inRange;
    }

    public void setRssi(int rssi) {
        this.rssi = (short) rssi;
    }

    /** Makes Device1.Connect take this long (to exercise deadlines). */
    public void setConnectDelayMillis(long millis) {
        this.connectDelayMillis = millis;
    }

    /** The link drops while the next read or write of {@code uuid} is in flight (BlueZ then answers success). */
    public void dropLinkDuringNext(String uuid) {
        dropDuring.add(GattUuid.normalize(uuid));
    }

    boolean takeDropDuring(String uuid) {
        return dropDuring.remove(uuid);
    }

    /** The next connection drops right after its services resolved, before {@code Connect()} is answered. */
    public void dropLinkAfterNextResolve() {
        this.dropLinkAfterResolve = true;
    }

    /** Pair() takes this long before the device bonds (a user confirming on the device). */
    public void setPairDelayMillis(long millis) {
        this.pairDelayMillis = millis;
    }

    /** The bond is stored at once, but bluetoothd answers Pair() this much later. */
    public void setPairReplyDelayMillis(long millis) {
        this.pairReplyDelayMillis = millis;
    }

    /** The device forgot its bond (factory reset, battery change on some models): it asks to pair again. */
    public void loseBond() {
        this.bondLost = true;
    }

    /** Builder for {@link SimDevice}. Not thread-safe. */
    public static final class Builder {
        private final String address;
        private final String name;
        private final List<String> advertisedUuids = new ArrayList<>();
        private final Map<Integer, byte[]> manufacturerData = new LinkedHashMap<>();
        private PairingKind pairing = PairingKind.NONE;
        private int passkey;
        private final List<Service> services = new ArrayList<>();
        private SimBehaviour behaviour = new SimBehaviour() { };
        private short rssi = -60;

        private Builder(String address, String name) {
            this.address = Objects.requireNonNull(address);
            this.name = name;
        }

        public Builder advertises(String... uuids) {
            for (String u : uuids) {
                advertisedUuids.add(GattUuid.normalize(u));
            }
            return this;
        }

        public Builder manufacturerData(int companyId, byte... data) {
            manufacturerData.put(companyId, data.clone());
            return this;
        }

        public Builder rssi(int rssi) {
            this.rssi = (short) rssi;
            return this;
        }

        public Builder pairing(PairingKind kind) {
            this.pairing = kind;
            return this;
        }

        public Builder passkey(int passkey) {
            this.pairing = PairingKind.PASSKEY_ENTRY;
            this.passkey = passkey;
            return this;
        }

        public Builder service(String uuid, Characteristic... characteristics) {
            services.add(new Service(uuid, List.of(characteristics)));
            return this;
        }

        public Builder behaviour(SimBehaviour behaviour) {
            this.behaviour = Objects.requireNonNull(behaviour);
            return this;
        }

        public SimDevice build() {
            return new SimDevice(this);
        }
    }

    public static Characteristic ch(String uuid, String... flags) {
        return new Characteristic(uuid, List.of(flags), new byte[0]);
    }

    public static Characteristic ch(String uuid, byte[] value, String... flags) {
        return new Characteristic(uuid, List.of(flags), value);
    }
}
