package org.vitalgate.transport.sim.bluez;

import java.util.ArrayList;
import java.util.List;
import org.vitalgate.transport.ble.GattUuid;

/**
 * Firmware of a device that uploads its memory when the central subscribes to {@code uuid}: it notifies each
 * value, then optionally drops the link. With {@code forgetSent} it sends each value once (A&amp;D "unsent
 * records"); without, it re-sends its whole memory on every connection (the hub must store each reading once).
 * New measurements are added with {@link #offer}. Thread-safe.
 */
public final class UploadOnSubscribe implements SimBehaviour {
    private final String uuid;
    private final List<byte[]> memory = new ArrayList<>();
    private final boolean disconnectAfter;
    private final boolean forgetSent;

    public UploadOnSubscribe(String uuid, List<byte[]> values, boolean disconnectAfter, boolean forgetSent) {
        this.uuid = GattUuid.normalize(uuid);
        values.forEach(v -> memory.add(v.clone()));
        this.disconnectAfter = disconnectAfter;
        this.forgetSent = forgetSent;
    }

    /** The device took a measurement: it is sent on the next connection. */
    public synchronized void offer(byte[] value) {
        memory.add(value.clone());
    }

    @Override
    public void onNotifyStarted(DeviceSide device, String u) {
        if (!u.equals(uuid)) {
            return;
        }
        device.later(10, () -> {
            List<byte[]> toSend;
            synchronized (this) {
                toSend = List.copyOf(memory);
                if (forgetSent) {
                    memory.clear();
                }
            }
            toSend.forEach(v -> device.notify(uuid, v));
            if (disconnectAfter) {
                device.later(50, device::disconnect);
            }
        });
    }
}
