package org.vitalgate.transport.ble;

/** Receives advertisements. Called on the {@code ble-events} thread: enqueue and return, never block. */
@FunctionalInterface
public interface AdvertisementListener {
    void onAdvertisement(Advertisement advertisement);
}
