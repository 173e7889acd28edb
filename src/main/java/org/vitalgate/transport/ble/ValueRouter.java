package org.vitalgate.transport.ble;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.reading.Bytes;
import org.vitalgate.transport.FrameSink;
import org.vitalgate.transport.RawFrame;

/**
 * Routes {@code Value} changes of characteristics we subscribed to (StartNotify) to the {@link FrameSink}.
 *
 * <p>Why a route outlives the link: BlueZ keeps a notification session across a device-initiated disconnect (with
 * the GATT cache the characteristic objects stay exported, {@code Notifying} stays true, and on the next link-up
 * bluetoothd re-writes the CCCD before {@code Connect()} returns: BlueZ 5.66 {@code src/gatt-client.c},
 * {@code register_notify} on reconnection). A device that uploads at once then has its indications confirmed by
 * BlueZ; a value arriving before the session re-subscribed must still become a frame, or the device deletes a
 * reading nobody kept. A route therefore ends only when BlueZ says the session ended ({@code Notifying=false}),
 * the characteristic object goes away, or BlueZ leaves the bus.
 *
 * <p>Confined to the {@code ble-events} thread.
 */
final class ValueRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ValueRouter.class);

    /** Where a subscribed characteristic's values go. */
    record Route(String address, String uuid) {
    }

    private final FrameSink sink;
    private final Map<String, Route> routes = new HashMap<>();

    ValueRouter(FrameSink sink) {
        this.sink = sink;
    }

    void add(String charPath, String address, String uuid) {
        routes.put(charPath, new Route(address, uuid));
    }

    void remove(String charPath) {
        routes.remove(charPath);
    }

    /** Characteristic paths routed for {@code address}. */
    List<String> pathsOf(String address) {
        return routes.entrySet().stream().filter(e -> e.getValue().address().equals(address))
                .map(Map.Entry::getKey).toList();
    }

    boolean isRouted(String charPath) {
        return routes.containsKey(charPath);
    }

    /** A {@code Value} change of {@code charPath}, stamped when the signal arrived. */
    void onValue(String charPath, Bytes value, Instant at) {
        Route r = routes.get(charPath);
        if (r == null) {
            return; // a ReadValue result, or a characteristic nobody subscribed to
        }
        try {
            sink.accept(new RawFrame(r.address(), r.uuid(), value, at));
        } catch (RuntimeException e) {
            LOG.warn("frame sink failed for {} {}: {}", r.address(), r.uuid(), e.toString(), e);
        }
    }

    /** {@code Notifying} of {@code charPath} changed: BlueZ ended the session when it went false. */
    void onNotifying(String charPath, boolean notifying) {
        if (!notifying) {
            routes.remove(charPath);
        }
    }

    void clear() {
        routes.clear();
    }
}
