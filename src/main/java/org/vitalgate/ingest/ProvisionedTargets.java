package org.vitalgate.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileMatcher;
import org.vitalgate.reading.HubClock;
import org.vitalgate.store.Event;
import org.vitalgate.store.EventType;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.transport.ble.Advertisement;
import org.vitalgate.transport.ble.SessionTarget;
import org.vitalgate.transport.ble.SessionTargets;

/**
 * Which advertising devices get a BLE session: exactly the provisioned ones, with the profile they were
 * provisioned with, and none while the store refuses readings (their memory keeps the data meanwhile). While the
 * hub clock is known to be unsynchronized, devices whose session writes their clock or fetches their records get
 * no session either (a wrong clock is never written into a device; the device keeps its records until the hub
 * clock is right); others are collected, their readings marked {@code hubClock: not-synchronized}. A device that
 * is not provisioned but matches a profile is reported once per
 * {@code seenInterval} as a {@code device-seen} event (address, profile, RSSI) and never connected (at most
 * {@value #MAX_SEEN} such addresses are remembered: neighbours' devices cannot grow memory); devices matching no
 * profile are ignored. Thread-safe.
 */
public final class ProvisionedTargets implements SessionTargets {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedTargets.class);

    private final ProvisionedDirectory directory;
    private final ProfileMatcher matcher;
    private final SqliteStore store;
    private final Clock clock;
    private final Supplier<String> eventIds;
    /** Neighbours' devices whose last {@code device-seen} time is remembered (least recently seen forgotten). */
    static final int MAX_SEEN = 256;

    /** Per stranger's address, when its {@code device-seen} is due again (at most {@link #MAX_SEEN} addresses). */
    private final org.vitalgate.uplink.LogThrottle seenEvents;
    private final Supplier<HubClock> hubClock;
    /** Provisioned devices held for the hub clock (logged once per hold). */
    private final Set<String> heldForClock = ConcurrentHashMap.newKeySet();

    public ProvisionedTargets(ProvisionedDirectory directory, ProfileMatcher matcher, SqliteStore store, Clock clock,
                              Supplier<String> eventIds, Duration seenInterval) {
        this(directory, matcher, store, clock, eventIds, seenInterval, () -> HubClock.UNKNOWN);
    }

    /** @param hubClock whether the hub clock is synchronized (cheap; asked on each advertisement of a target) */
    public ProvisionedTargets(ProvisionedDirectory directory, ProfileMatcher matcher, SqliteStore store, Clock clock,
                              Supplier<String> eventIds, Duration seenInterval, Supplier<HubClock> hubClock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        this.seenEvents = new org.vitalgate.uplink.LogThrottle(Objects.requireNonNull(seenInterval, "seenInterval"),
                MAX_SEEN);
        this.hubClock = Objects.requireNonNull(hubClock, "hubClock");
    }

    @Override
    public Optional<SessionTarget> targetFor(Advertisement ad) {
        Optional<DeviceProfile> provisioned = directory.profileOf(ad.address());
        if (provisioned.isPresent()) {
            // Why: a device confirms an indication as soon as BlueZ receives it, before the store commits; while
            // the store refuses readings, a session would take readings off the device that the hub must refuse.
            // Leave them in the device's memory until there is room again.
            if (!store.isAcceptingReadings()) {
                LOG.debug("store full: not collecting from {} for now", ad.address());
                return Optional.empty();
            }
            if (heldForHubClock(ad.address(), provisioned.get())) {
                return Optional.empty();
            }
            return Optional.of(SessionValues.target(provisioned.get()));
        }
        matcher.match(ad.name(), ad.serviceUuids(), ad.manufacturerData().keySet())
                .ifPresent(p -> seen(ad, p));
        return Optional.empty();
    }

    /** Strangers' addresses remembered for their {@code device-seen} interval (at most {@link #MAX_SEEN}). */
    int seenRemembered() {
        return seenEvents.size();
    }

    private boolean heldForHubClock(String address, DeviceProfile profile) {
        if (profile.needsSynchronizedHubClock() && hubClock.get() == HubClock.NOT_SYNCHRONIZED) {
            if (heldForClock.add(address)) {
                LOG.warn("hub clock not synchronized: {} ({}) is not collected until it is (its session would write"
                        + " its clock or fetch its records; the device keeps its data)", address, profile.id());
            }
            return true;
        }
        if (heldForClock.remove(address)) {
            LOG.info("hub clock {}: collecting from {} again", hubClock.get().wire(), address);
        }
        return false;
    }

    private void seen(Advertisement ad, DeviceProfile profile) {
        java.util.OptionalLong due = seenEvents.admit(ad.address());
        if (due.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        LOG.info("not provisioned: {} looks like {} (RSSI {} dBm); not connected", ad.address(), profile.id(), ad.rssi());
        Map<String, String> attributes = new java.util.TreeMap<>(Map.of("address", ad.address(),
                "profileId", profile.id(), "rssi", Integer.toString(ad.rssi())));
        if (due.getAsLong() > 0) {
            attributes.put("repeats", Long.toString(due.getAsLong()));   // advertisements heard since the last
        }
        store.recordEvent(new Event(eventIds.get(), EventType.DEVICE_SEEN, now, attributes));
    }
}
