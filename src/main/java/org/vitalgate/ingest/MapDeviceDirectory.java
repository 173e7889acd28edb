package org.vitalgate.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A device directory held in memory (from the config file and the simulated home). Thread-safe. */
public final class MapDeviceDirectory implements DeviceDirectory {
    private final Map<String, KnownDevice> byAddress = new ConcurrentHashMap<>();

    public void put(KnownDevice device) {
        byAddress.put(key(device.identity().address()), device);
    }

    @Override
    public Optional<KnownDevice> lookup(String address) {
        return Optional.ofNullable(byAddress.get(key(address)));
    }

    private static String key(String address) {
        return address.toUpperCase(Locale.ROOT);
    }
}
