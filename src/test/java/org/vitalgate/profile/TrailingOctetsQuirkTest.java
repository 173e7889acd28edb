package org.vitalgate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.TrailingOctets;

/** The {@code trailingOctets: reject | ignore} quirk: parsed, validated, defaulting to reject. */
class TrailingOctetsQuirkTest {
    static final Set<String> CODECS = CodecRegistry.standard().codecs().stream().map(Codec::id)
            .collect(Collectors.toUnmodifiableSet());
    final ProfileLoader loader = new ProfileLoader(CODECS);

    static String profile(String quirks) {
        return """
                schema: 1
                id: acme-bp
                manufacturer: Acme
                model: BP1
                transport: ble
                match: {serviceUuids: [0x1810]}
                onConnect:
                  - subscribe: [0x2A35]
                characteristics:
                  - {uuid: 0x2A35, mode: indicate, codec: gatt.bps.measurement}
                """ + quirks;
    }

    @Test
    void rejectIsTheDefaultAndIgnoreIsAChoice() throws Exception {
        assertThat(loader.parse("a.yaml", profile("")).quirks().trailingOctets()).isEqualTo(TrailingOctets.REJECT);
        assertThat(loader.parse("b.yaml", profile("quirks: {trailingOctets: reject, deviceTimeIsUtc: true}\n"))
                .quirks()).satisfies(q -> {
                    assertThat(q.trailingOctets()).isEqualTo(TrailingOctets.REJECT);
                    assertThat(q.deviceTimeIsUtc()).isTrue();
                });
        assertThat(loader.parse("c.yaml", profile("quirks: {trailingOctets: ignore}\n")).quirks().trailingOctets())
                .isEqualTo(TrailingOctets.IGNORE);
    }

    @Test
    void anythingElseIsAnError() {
        for (String bad : List.of("quirks: {trailingOctets: true}\n", "quirks: {trailingOctets: sometimes}\n")) {
            assertThatThrownBy(() -> loader.parse("bad.yaml", profile(bad))).isInstanceOf(ProfileException.class)
                    .hasMessageContaining("quirks.trailingOctets").hasMessageContaining("expected reject or ignore");
        }
    }

    @Test
    void theGenericCuffKeepsReadingsOfCuffsThatAppendFieldsAndModelProfilesReject() throws Exception {
        List<DeviceProfile> all = loader.loadDirectory(Path.of("device-profiles"));
        assertThat(all).filteredOn(p -> p.id().equals("generic-blood-pressure")).singleElement()
                .satisfies(p -> assertThat(p.quirks().trailingOctets()).isEqualTo(TrailingOctets.IGNORE));
        assertThat(all).filteredOn(p -> p.id().equals("and-ua651ble")).singleElement()
                .satisfies(p -> assertThat(p.quirks().trailingOctets()).isEqualTo(TrailingOctets.REJECT));
    }
}
