package org.vitalgate.transport.ble;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vitalgate.reading.Bytes;

/**
 * One GATT connection obtained from {@link BluezBleLink#connect}: services are resolved and the characteristics
 * indexed by UUID. Notifications of subscribed characteristics go to the link's {@code FrameSink} as
 * {@code RawFrame}s whose channel is the characteristic UUID. Thread-safe; calls block on D-Bus.
 */
public final class BleConnection {
    private final BluezBleLink link;
    private final String address;
    private final String devicePath;
    private final Map<String, String> characteristicPaths;
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    BleConnection(BluezBleLink link, String address, String devicePath, Map<String, String> characteristicPaths) {
        this.link = link;
        this.address = address;
        this.devicePath = devicePath;
        this.characteristicPaths = Map.copyOf(characteristicPaths);
    }

    public String address() {
        return address;
    }

    String devicePath() {
        return devicePath;
    }

    /** UUIDs (128-bit lower-case) of all characteristics the device exposes. */
    public Set<String> characteristics() {
        return characteristicPaths.keySet();
    }

    public boolean has(String uuid) {
        return characteristicPaths.containsKey(GattUuid.normalize(uuid));
    }

    public boolean isConnected() {
        return !closed.isDone();
    }

    /** Blocks until the connection ended (device or BlueZ dropped it, or {@link #disconnect}); false on timeout. */
    public boolean awaitDisconnected(Duration timeout) throws InterruptedException {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    public Bytes read(String uuid) throws BleLinkException {
        return link.readValue(this, pathOf(uuid));
    }

    public void write(String uuid, Bytes value, WriteMode mode) throws BleLinkException {
        Objects.requireNonNull(value, "value");
        link.writeValue(this, pathOf(uuid), value, mode);
    }

    /** StartNotify: notifications and indications of {@code uuid} become RawFrames on the sink. */
    public void subscribe(String uuid) throws BleLinkException {
        String path = pathOf(uuid);
        link.startNotify(this, path, GattUuid.normalize(uuid));
        subscribed.add(path);
    }

    public void unsubscribe(String uuid) throws BleLinkException {
        String path = pathOf(uuid);
        subscribed.remove(path);
        link.stopNotify(path);
    }

    /**
     * Turns notifications off (BlueZ would otherwise remember them across reconnections while many peripherals
     * do not) and disconnects. Never throws: a connection that is already gone is simply marked closed.
     */
    public void disconnect() {
        for (String path : Set.copyOf(subscribed)) {
            try {
                link.stopNotify(path);
            } catch (BleLinkException e) {
                // device already gone or notifications already off
            }
        }
        subscribed.clear();
        link.disconnect(this);
    }

    void markClosed() {
        subscribed.clear();
        closed.complete(null);
    }

    private String pathOf(String uuid) throws BleLinkException {
        if (!isConnected()) {
            throw new BleLinkException("not connected to " + address);
        }
        String path = characteristicPaths.get(GattUuid.normalize(uuid));
        if (path == null) {
            throw new BleLinkException(address + " has no characteristic " + uuid);
        }
        return path;
    }

    @Override
    public String toString() {
        return "BleConnection[" + address + (isConnected() ? "" : ", closed") + "]";
    }
}
