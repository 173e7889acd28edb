package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.TestPki;

class PemTlsTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    @Test
    void readsSec1Pkcs8AndPkcs1KeysThatMatchTheirCertificates() throws Exception {
        assertThat(Files.readString(pki.clientKey())).contains("BEGIN EC PRIVATE KEY");
        assertThat(Files.readString(pki.clientKeyPkcs8())).contains("BEGIN PRIVATE KEY");
        assertThat(Files.readString(pki.rsaClientKey())).contains("BEGIN RSA PRIVATE KEY");
        assertSigns(PemTls.readPrivateKey(pki.clientKey()), pki.clientCert(), "SHA256withECDSA");
        assertSigns(PemTls.readPrivateKey(pki.clientKeyPkcs8()), pki.clientCert(), "SHA256withECDSA");
        assertSigns(PemTls.readPrivateKey(pki.rsaClientKey()), pki.rsaClientCert(), "SHA256withRSA");
    }

    @Test
    void skipsLeadingNonKeyBlocksAsOpensslEcparamWritesThem() throws Exception {
        Path withParams = dir.resolve("params-then-key.pem");
        Files.writeString(withParams, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(pki.clientKey()));
        assertSigns(PemTls.readPrivateKey(withParams), pki.clientCert(), "SHA256withECDSA");
    }

    @Test
    void readsEveryCertificateOfABundle() throws Exception {
        List<X509Certificate> chain = PemTls.readCertificates(pki.clientChain());
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1).getSubjectX500Principal().getName()).isEqualTo("CN=vitalgate test CA");
    }

    @Test
    void badMaterialIsATypedError() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n"
                        + "-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemTls.readPrivateKey(encrypted)).isInstanceOf(TlsMaterialException.class);
        assertThatThrownBy(() -> PemTls.readPrivateKey(pki.caCert())).isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("no private key");
        assertThatThrownBy(() -> PemTls.readCertificates(pki.clientKey())).isInstanceOf(TlsMaterialException.class);
        assertThatThrownBy(() -> PemTls.readCertificates(dir.resolve("nope.pem")))
                .isInstanceOf(TlsMaterialException.class).hasMessageContaining("nope.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> PemTls.readCertificates(empty)).isInstanceOf(TlsMaterialException.class);
    }

    @Test
    void aKeyOfTheWrongTypeForTheCertificateIsRefused() {
        var tls = new UplinkSettings.TlsSettings(Optional.of(pki.caCert()), Optional.of(pki.clientCert()),
                Optional.of(pki.rsaClientKey()));
        assertThatThrownBy(() -> PemTls.sslConfig(tls, 1000)).isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void configAllowsOnlyTls13And12() throws Exception {
        var config = PemTls.sslConfig(new UplinkSettings.TlsSettings(Optional.of(pki.caCert()),
                Optional.of(pki.clientCert()), Optional.of(pki.clientKey())), 1000);
        assertThat(config.getProtocols()).contains(List.of("TLSv1.3", "TLSv1.2"));
        assertThat(config.getHostnameVerifier()).isEmpty();   // empty = HiveMQ's HTTPS endpoint identification
        assertThat(config.getTrustManagerFactory()).isPresent();
        assertThat(config.getKeyManagerFactory()).isPresent();
    }

    private static void assertSigns(PrivateKey key, Path certPem, String algorithm) throws Exception {
        X509Certificate cert = PemTls.readCertificates(certPem).get(0);
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(algorithm);
        v.initVerify(cert.getPublicKey());
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(sig)).isTrue();
    }
}
