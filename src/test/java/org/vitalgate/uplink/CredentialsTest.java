package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path dir;

    @Test
    void readsUserAndPasswordAndNeverPrintsThePassword() throws Exception {
        Path f = Files.writeString(dir.resolve("c"), "hub-1\r\ns3cret pass\r\n");
        Credentials c = Credentials.read(f);
        assertThat(c.username()).isEqualTo("hub-1");
        assertThat(new String(c.password(), StandardCharsets.UTF_8)).isEqualTo("s3cret pass");
        assertThat(c.toString()).contains("hub-1").doesNotContain("s3cret");
    }

    @Test
    void malformedFilesFailWithoutShowingTheirContent() throws Exception {
        Path oneLine = Files.writeString(dir.resolve("one"), "only-a-secret-looking-line\n");
        assertThatThrownBy(() -> Credentials.read(oneLine)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("secret-looking");
        Path emptyUser = Files.writeString(dir.resolve("empty"), "\npw\n");
        assertThatThrownBy(() -> Credentials.read(emptyUser)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("empty user name");
        assertThatThrownBy(() -> Credentials.read(dir.resolve("missing"))).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("unreadable");
    }
}
