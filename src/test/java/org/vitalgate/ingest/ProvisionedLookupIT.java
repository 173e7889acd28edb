package org.vitalgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.profile.DeviceProfile;
import org.vitalgate.profile.ProfileLoader;
import org.vitalgate.profile.ProfileMatcher;
import org.vitalgate.store.DeviceAssignment;
import org.vitalgate.store.SqliteStore;
import org.vitalgate.store.StoreSettings;
import org.vitalgate.transport.ble.Advertisement;
import org.vitalgate.uplink.payload.JsonV1;

/**
 * Nothing on the advertisement or frame path waits for the store: device lookups answer from the table in memory
 * while another thread holds the store's monitor (as the writer does across a group commit's fsync), and the table
 * follows every provisioning change and a reopen.
 */
class ProvisionedLookupIT {
    static final String THERMO = "00:09:1F:11:22:33";
    static final String CUFF = "00:09:1F:8E:2A:1C";

    @TempDir
    Path dir;

    final AtomicLong ids = new AtomicLong();
    SqliteStore store;
    List<DeviceProfile> profiles;
    ExecutorService pool;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        Set<String> codecs = CodecRegistry.standard().codecs().stream().map(Codec::id).collect(Collectors.toSet());
        profiles = new ProfileLoader(codecs).loadDirectory(Path.of("device-profiles"));
        pool = Executors.newCachedThreadPool();
    }

    private SqliteStore openStore() throws Exception {
        JsonV1 json = new JsonV1("test-hub");
        return SqliteStore.open(StoreSettings.defaults(dir.resolve("s.db")), Clock.systemUTC(), json, json,
                () -> String.format("01HZZZZZZZZZZZZZZZZZZ%05d", ids.incrementAndGet()));
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void lookupsOfTheAdvertisementAndFramePathsNeverWaitForTheStoresLock() throws Exception {
        store.provision(THERMO, "generic-health-thermometer", "patient-t", OptionalInt.empty());
        ProvisionedDirectory directory = new ProvisionedDirectory(store, profiles);
        ProvisionedTargets targets = new ProvisionedTargets(directory, new ProfileMatcher(profiles), store,
                Clock.systemUTC(), () -> String.format("01HYYYYYYYYYYYYYYYYYYY%04d", ids.incrementAndGet()),
                Duration.ofMinutes(10));
        Advertisement ad = new Advertisement(THERMO, Optional.empty(), -50,
                Set.of("00001809-0000-1000-8000-00805f9b34fb"), Map.of(), Instant.now());

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            synchronized (store) {               // what the store-writer thread holds across a commit
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, pool);
        try {
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            // Each lookup runs on its own thread: one that waited for the monitor would still be waiting when the
            // holder lets go, at the end of this test. The 30 s bound only turns a hang into a failure.
            assertThat(CompletableFuture.supplyAsync(() -> directory.lookup(THERMO), pool).get(30, TimeUnit.SECONDS))
                    .hasValueSatisfying(d -> assertThat(d.patientKey()).isEqualTo("patient-t"));
            assertThat(CompletableFuture.supplyAsync(() -> directory.lookup(CUFF), pool).get(30, TimeUnit.SECONDS))
                    .isEmpty();
            assertThat(CompletableFuture.supplyAsync(() -> targets.targetFor(ad), pool).get(30, TimeUnit.SECONDS))
                    .hasValueSatisfying(t -> assertThat(t.profile().id()).isEqualTo("generic-health-thermometer"));
            assertThat(holder).isNotDone();      // the monitor was held throughout
        } finally {
            release.countDown();
        }
        holder.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theTableInMemoryFollowsEveryChangeAndIsLoadedAtOpen() throws Exception {
        ProvisionedDirectory directory = new ProvisionedDirectory(store, profiles);
        assertThat(directory.lookup(CUFF)).isEmpty();
        store.provision(CUFF.toLowerCase(), "and-ua651ble", "patient-1", OptionalInt.of(2));
        assertThat(directory.lookup(CUFF)).hasValueSatisfying(d -> assertThat(d.patientKey()).isEqualTo("patient-1"));
        store.provision(CUFF, "and-ua651ble", "patient-2", OptionalInt.empty());
        assertThat(directory.lookup(CUFF)).hasValueSatisfying(d -> assertThat(d.patientKey()).isEqualTo("patient-2"));
        store.provision(THERMO, "generic-health-thermometer", "patient-t", OptionalInt.empty());
        assertThat(store.listDevices()).extracting(DeviceAssignment::address).containsExactly(THERMO, CUFF);
        assertThat(store.unprovision(THERMO)).isTrue();
        assertThat(directory.lookup(THERMO)).isEmpty();

        store.close();
        store = openStore();
        assertThat(store.findDevice(CUFF.toLowerCase()))
                .hasValueSatisfying(d -> assertThat(d.patientKey()).isEqualTo("patient-2"));
        assertThat(store.findDevice(THERMO)).isEmpty();
        assertThat(store.listDevices()).hasSize(1);
    }
}
