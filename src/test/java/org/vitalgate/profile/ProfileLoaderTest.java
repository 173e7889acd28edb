package org.vitalgate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;

class ProfileLoaderTest {
    /** Codec ids the profiles in device-profiles/ may reference (all provided by CodecRegistry.standard()). */
    static final Set<String> CODECS = Set.of("gatt.bps.measurement", "gatt.bps.feature", "gatt.gls.measurement",
            "gatt.gls.measurement-context", "gatt.hts.measurement", "gatt.wss.measurement", "gatt.wss.feature",
            "gatt.plxs.continuous", "gatt.plxs.spot-check", "gatt.cts.current-time", "gatt.common.datetime", "nonin.oximetry",
            "jumper.oximetry");
    static final String BPM = "00002a35-0000-1000-8000-00805f9b34fb";

    final ProfileLoader loader = new ProfileLoader(CODECS);

    @Test
    void everyShippedProfileLoads() throws Exception {
        List<DeviceProfile> all = loader.loadDirectory(Path.of("device-profiles"));
        try (var files = Files.list(Path.of("device-profiles"))) {
            assertThat(all).hasSize((int) files.filter(p -> p.toString().endsWith(".yaml")).count());
        }
        assertThat(all).extracting(DeviceProfile::id).contains("and-ua651ble", "and-uc352ble", "omron-hem9200t",
                "nonin-3230", "jumper-pls01bt", "ascensia-contour-next-one", "roche-accu-chek-guide",
                "generic-health-thermometer", "generic-weight-scale", "generic-plx-oximeter");
    }

    @Test
    void everyCodecTheShippedProfilesNameIsRegistered() throws Exception {
        Set<String> registered = CodecRegistry.standard().codecs().stream().map(Codec::id)
                .collect(Collectors.toSet());
        List<DeviceProfile> all = new ProfileLoader(registered).loadDirectory(Path.of("device-profiles"));
        assertThat(all).extracting(DeviceProfile::id).contains("jumper-pls01bt", "nonin-3230");
        assertThat(registered).containsAll(CODECS);
    }

    @Test
    void jumperProfileSubscribesToItsResultCharacteristic() throws Exception {
        DeviceProfile p = loader.loadFiles(List.of(Path.of("device-profiles/jumper-pls01bt.yaml"))).get(0);
        assertThat(p.bonding()).isEqualTo(Bonding.NONE);
        assertThat(p.onConnect()).containsExactly(
                new ConnectAction.Subscribe(List.of("cdeacb81-5235-4c07-8846-93a37ee6b86d")));
        assertThat(p.codecFor("cdeacb81-5235-4c07-8846-93a37ee6b86d")).contains("jumper.oximetry");
    }

    @Test
    void andCuffProfileCarriesItsOrderedActionsAndQuirks() throws Exception {
        DeviceProfile p = loader.loadFiles(List.of(Path.of("device-profiles/and-ua651ble.yaml"))).get(0);
        assertThat(p.bonding()).isEqualTo(Bonding.JUST_WORKS);
        assertThat(p.onConnect()).containsExactly(
                new ConnectAction.SetClock("00002a08-0000-1000-8000-00805f9b34fb", ClockFormat.DATE_TIME),
                new ConnectAction.Subscribe(List.of(BPM)));
        assertThat(p.codecFor(BPM)).contains("gatt.bps.measurement");
        assertThat(p.characteristic("00002a08-0000-1000-8000-00805f9b34fb").orElseThrow().service())
                .contains("00001810-0000-1000-8000-00805f9b34fb");
        assertThat(p.quirks().needsTimeBeforeData()).isTrue();
        assertThat(p.quirks().disconnectsAfterUpload()).isTrue();
        assertThat(p.quirks().deviceTimeIsUtc()).isFalse();
        assertThat(p.match().namePrefix()).contains("A&D_UA-651BLE");
    }

    @Test
    void glucoseProfileFetchesThroughRacpAfterSubscribing() throws Exception {
        DeviceProfile p = loader.loadFiles(List.of(Path.of("device-profiles/roche-accu-chek-guide.yaml"))).get(0);
        assertThat(p.bonding()).isEqualTo(Bonding.PASSKEY);
        assertThat(p.onConnect().get(p.onConnect().size() - 1))
                .isEqualTo(new ConnectAction.RacpFetch("00002a52-0000-1000-8000-00805f9b34fb"));
    }

    @Test
    void uuidsAcceptNumbersShortTextAndLongForms() throws Exception {
        DeviceProfile p = loader.parse("x.yaml", minimal("""
                characteristics:
                  - {uuid: 0x2A35, mode: indicate, codec: gatt.bps.measurement}
                  - {uuid: "2a1c", mode: indicate, codec: gatt.hts.measurement}
                  - {uuid: "0AAD7EA0-0D60-11E2-8E3C-0002A5D5C51B", mode: notify, codec: nonin.oximetry}
                """));
        assertThat(p.characteristics()).extracting(CharacteristicSpec::uuid).containsExactly(BPM,
                "00002a1c-0000-1000-8000-00805f9b34fb", "0aad7ea0-0d60-11e2-8e3c-0002a5d5c51b");
    }

    @Test
    void validationReportsAllErrorsAtOnce() {
        String bad = """
                schema: 2
                id: Bad_Id
                manufacturer: Acme
                model: X
                transport: ble
                colour: blue
                match: {advertisedNamePrefix: "X-", serviceUuids: [0x1810, "not-a-uuid"]}
                bonding: sometimes
                onConnect:
                  - subscribe: [0x2A36]
                  - racpFetch: {controlPoint: 0x2A52}
                  - dance: {}
                characteristics:
                  - {uuid: 0x2A35, mode: indicate, codec: gatt.bps.nonsense}
                  - {uuid: 0x2A52, mode: [write, indicate]}
                  - {uuid: 0x2A19, mode: read}
                quirks: {deviceTimeIsUtc: true, flipsBits: true}
                """;
        assertThatThrownBy(() -> loader.parse("bad.yaml", bad))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.errors())
                        .hasSize(11)
                        .anyMatch(s -> s.contains("characteristics[2].codec") && s.contains("needs a codec"))
                        .anyMatch(s -> s.contains("schema") && s.contains("unsupported schema version 2"))
                        .anyMatch(s -> s.contains("id") && s.contains("Bad_Id"))
                        .anyMatch(s -> s.contains("colour") && s.contains("unknown key"))
                        .anyMatch(s -> s.contains("not a Bluetooth UUID") && s.contains("not-a-uuid"))
                        .anyMatch(s -> s.contains("bonding") && s.contains("sometimes"))
                        .anyMatch(s -> s.contains("00002a36") && s.contains("not listed"))
                        .anyMatch(s -> s.contains("racpFetch") && s.contains("subscribe to the control point"))
                        .anyMatch(s -> s.contains("unknown action 'dance'"))
                        .anyMatch(s -> s.contains("unknown codec id 'gatt.bps.nonsense'"))
                        .anyMatch(s -> s.contains("quirks.flipsBits") && s.contains("unknown quirk"))
                        .allMatch(s -> s.startsWith("bad.yaml: ")));
        // the missing-codec rule
        assertThatThrownBy(() -> loader.parse("c.yaml", minimal("""
                characteristics:
                  - {uuid: 0x2A19, mode: read}
                """))).isInstanceOfSatisfying(ProfileException.class,
                e -> assertThat(e.errors()).singleElement().asString().contains("needs a codec"));
    }

    @Test
    void readingASubscribedCharacteristicIsRejected() {
        assertThatThrownBy(() -> loader.parse("r.yaml", minimal("""
                onConnect:
                  - subscribe: [0x2A19]
                  - read: [0x2A19]
                characteristics:
                  - {uuid: 0x2A19, mode: [read, notify], codec: gatt.bps.feature}
                """))).isInstanceOfSatisfying(ProfileException.class,
                e -> assertThat(e.errors()).singleElement().asString().contains("read it first"));
    }

    @Test
    void duplicateModelIdsAcrossFilesAreReported() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("a.yaml", minimal(""));
        sources.put("b.yaml", minimal(""));
        assertThatThrownBy(() -> loader.loadAll(sources)).isInstanceOfSatisfying(ProfileException.class,
                e -> assertThat(e.errors()).containsExactly(
                        "b.yaml: id: duplicate model id 'acme-x' (also in a.yaml)"));
    }

    @Test
    void notYamlIsATypedError() {
        assertThatThrownBy(() -> loader.parse("x.yaml", "schema: [1"))
                .isInstanceOfSatisfying(ProfileException.class,
                        e -> assertThat(e.errors().get(0)).startsWith("x.yaml: not valid YAML"));
        assertThatThrownBy(() -> loader.parse("y.yaml", "- just\n- a list\n"))
                .isInstanceOf(ProfileException.class).hasMessageContaining("mapping");
    }

    @Test
    void matcherPrefersTheModelProfileOverTheGenericOne() throws Exception {
        ProfileMatcher m = new ProfileMatcher(loader.loadDirectory(Path.of("device-profiles")));
        String bps = "00001810-0000-1000-8000-00805f9b34fb";
        assertThat(m.match(Optional.of("A&D_UA-651BLE_8E2A1C"), Set.of(bps), Set.of()))
                .map(DeviceProfile::id).contains("and-ua651ble");
        assertThat(m.match(Optional.of("BLESmart_00000116ABCD"), Set.of(bps), Set.of()))
                .map(DeviceProfile::id).contains("omron-hem9200t");
        assertThat(m.match(Optional.of("Beurer BM85"), Set.of(bps), Set.of()))
                .map(DeviceProfile::id).contains("generic-blood-pressure");
        assertThat(m.match(Optional.of("Nonin3230_501234567"), Set.of(), Set.of()))
                .map(DeviceProfile::id).contains("nonin-3230");
        assertThat(m.match(Optional.of("Stranger"), Set.of("0000180f-0000-1000-8000-00805f9b34fb"), Set.of(76)))
                .isEmpty();
        assertThat(m.match(Optional.empty(), Set.of(), Set.of())).isEmpty();
    }

    @Test
    void discoveryIsFilteredByServiceUuidsAlsoForProfilesMatchedByName() throws Exception {
        List<DeviceProfile> all = loader.loadDirectory(Path.of("device-profiles"));
        ProfileMatcher m = new ProfileMatcher(all);
        // nonin-3230 matches by name; its Oximetry Service (which the device advertises) joins the filter, so
        // discovery never runs unfiltered with the shipped profiles
        assertThat(m.unfilterableProfiles()).isEmpty();
        assertThat(m.discoveryServiceUuids()).contains(
                "00001810-0000-1000-8000-00805f9b34fb", "00001808-0000-1000-8000-00805f9b34fb",
                "cdeacb80-5235-4c07-8846-93a37ee6b86d", "46a970e0-0d5f-11e2-8b5e-0002a5d5c51b");
        // a name-only profile naming no service at all would be hidden by a filter: then none is set
        DeviceProfile nameOnly = loader.parse("x.yaml", """
                schema: 1
                id: acme-x
                manufacturer: Acme
                model: X
                transport: ble
                match: {advertisedNamePrefix: "ACME-"}
                onConnect:
                  - subscribe: [0x2A35]
                characteristics:
                  - {uuid: 0x2A35, mode: indicate, codec: gatt.bps.measurement}
                """);
        List<DeviceProfile> withNameOnly = new java.util.ArrayList<>(all);
        withNameOnly.add(nameOnly);
        assertThat(new ProfileMatcher(withNameOnly).unfilterableProfiles()).containsExactly("acme-x");
        assertThat(new ProfileMatcher(withNameOnly).discoveryServiceUuids()).isEmpty();
    }

    @Test
    void readClockReadsAClockCharacteristicBeforeSubscribing() throws Exception {
        DeviceProfile p = loader.parse("x.yaml", minimal("""
                onConnect:
                  - readClock: 0x2A2B
                  - subscribe: [0x2A35]
                characteristics:
                  - {uuid: 0x2A35, mode: indicate, codec: gatt.bps.measurement}
                  - {uuid: 0x2A2B, service: 0x1805, mode: read, codec: gatt.cts.current-time}
                """));
        assertThat(p.onConnect().get(0)).isEqualTo(new ConnectAction.ReadClock("00002a2b-0000-1000-8000-00805f9b34fb"));
        assertThatThrownBy(() -> loader.parse("y.yaml", minimal("""
                onConnect:
                  - subscribe: [0x2A35]
                  - readClock: 0x2A35
                characteristics:
                  - {uuid: 0x2A35, mode: [read, indicate], codec: gatt.bps.measurement}
                """))).isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.errors()).singleElement()
                .asString().contains("onConnect[1].readClock").contains("not decoded as a clock"));
    }

    @Test
    void sessionsThatWriteAClockOrFetchRecordsWaitForASynchronizedHubClock() throws Exception {
        java.util.Map<String, DeviceProfile> byId = new java.util.HashMap<>();
        loader.loadDirectory(Path.of("device-profiles")).forEach(p -> byId.put(p.id(), p));
        assertThat(byId.get("and-ua651ble").needsSynchronizedHubClock()).as("writes Date Time").isTrue();
        assertThat(byId.get("ascensia-contour-next-one").needsSynchronizedHubClock()).isTrue();
        assertThat(byId.get("roche-accu-chek-guide").needsSynchronizedHubClock()).as("RACP fetch").isTrue();
        assertThat(byId.get("omron-hem9200t").needsSynchronizedHubClock()).as("clock only read").isFalse();
        assertThat(byId.get("generic-health-thermometer").needsSynchronizedHubClock()).isFalse();
    }

    static String minimal(String characteristics) {
        String chars = characteristics.isEmpty() ? """
                characteristics:
                  - {uuid: 0x2A35, mode: indicate, codec: gatt.bps.measurement}
                """ : characteristics;
        return """
                schema: 1
                id: acme-x
                manufacturer: Acme
                model: X
                transport: ble
                match: {advertisedNamePrefix: "X-"}
                """ + chars;
    }
}
