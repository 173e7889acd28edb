package org.vitalgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A throw-away PKI for TLS tests, generated with BouncyCastle into a temp directory as PEM files.
 *
 * <ul>
 *   <li>{@link #caCert()}: the test CA (EC P-256);</li>
 *   <li>{@link #serverCert()}/{@link #serverKey()}: signed by the CA, SAN IP 127.0.0.1 and DNS localhost;</li>
 *   <li>{@link #wrongHostCert()}/{@link #wrongHostKey()}: signed by the CA, SAN DNS {@code wrong.example.invalid} only;</li>
 *   <li>{@link #clientCert()}/{@link #clientKey()}: client certificate signed by the CA, key as SEC1
 *       ({@code EC PRIVATE KEY}); {@link #clientKeyPkcs8()} the same key as PKCS#8;
 *       {@link #clientChain()} the client certificate followed by the CA certificate;</li>
 *   <li>{@link #rsaClientCert()}/{@link #rsaClientKey()}: an RSA client certificate, key as PKCS#1;</li>
 *   <li>{@link #expiredClientCert()}/{@link #expiredClientKey()}: signed by the CA, expired yesterday;</li>
 *   <li>{@link #otherCaCert()}: an unrelated CA; {@link #otherClientCert()}/{@link #otherClientKey()} signed by it.</li>
 * </ul>
 * Immutable once created; thread-safe.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Generates everything into {@code dir} (created if needed). Takes ~100 ms (the RSA key). */
    public static TestPki create(Path dir) {
        try {
            Files.createDirectories(dir);
            new Generator(dir).run();
            return new TestPki(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate test PKI", e);
        }
    }

    public Path directory() { return dir; }
    public Path caCert() { return dir.resolve("ca.pem"); }
    public Path serverCert() { return dir.resolve("server.pem"); }
    public Path serverKey() { return dir.resolve("server.key"); }
    public Path wrongHostCert() { return dir.resolve("wronghost.pem"); }
    /** A server certificate for 127.0.0.1/localhost valid only from 10 days from now (as seen by a stale clock). */
    public Path futureServerCert() { return dir.resolve("server-future.pem"); }
    public Path futureServerKey() { return dir.resolve("server-future.key"); }
    public Path wrongHostKey() { return dir.resolve("wronghost.key"); }
    public Path clientCert() { return dir.resolve("client.pem"); }
    public Path clientKey() { return dir.resolve("client.key"); }
    public Path clientKeyPkcs8() { return dir.resolve("client-pkcs8.key"); }
    public Path clientChain() { return dir.resolve("client-chain.pem"); }
    public Path rsaClientCert() { return dir.resolve("client-rsa.pem"); }
    public Path rsaClientKey() { return dir.resolve("client-rsa.key"); }
    public Path expiredClientCert() { return dir.resolve("client-expired.pem"); }
    public Path expiredClientKey() { return dir.resolve("client-expired.key"); }
    public Path otherCaCert() { return dir.resolve("other-ca.pem"); }
    public Path otherClientCert() { return dir.resolve("other-client.pem"); }
    public Path otherClientKey() { return dir.resolve("other-client.key"); }

    /** Issues certificates; one use. */
    private static final class Generator {
        private final Path dir;
        private final Instant now = Instant.now();

        Generator(Path dir) {
            this.dir = dir;
        }

        void run() throws IOException, GeneralSecurityException, OperatorCreationException {
            KeyPair caKeys = ec();
            X509Certificate ca = caCert("CN=vitalgate test CA", caKeys);
            writePem("ca.pem", List.of(ca));

            KeyPair serverKeys = ec();
            writePem("server.pem", List.of(leaf("CN=localhost", serverKeys, ca, caKeys, true,
                    new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}), now, days(30))));
            writePem("server.key", List.of(pkcs8(serverKeys)));

            KeyPair futureKeys = ec();
            writePem("server-future.pem", List.of(leaf("CN=localhost", futureKeys, ca, caKeys, true,
                    new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}), now.plus(days(10)), days(30))));
            writePem("server-future.key", List.of(pkcs8(futureKeys)));

            KeyPair wrongKeys = ec();
            writePem("wronghost.pem", List.of(leaf("CN=wrong.example.invalid", wrongKeys, ca, caKeys, true,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "wrong.example.invalid")),
                    now, days(30))));
            writePem("wronghost.key", List.of(pkcs8(wrongKeys)));

            KeyPair clientKeys = ec();
            X509Certificate client = leaf("CN=hub-test", clientKeys, ca, caKeys, false, null, now, days(30));
            writePem("client.pem", List.of(client));
            writePem("client-chain.pem", List.of(client, ca));
            writePem("client.key", List.of(sec1(clientKeys)));
            writePem("client-pkcs8.key", List.of(pkcs8(clientKeys)));

            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair rsaKeys = rsa.generateKeyPair();
            writePem("client-rsa.pem", List.of(leaf("CN=hub-test-rsa", rsaKeys, ca, caKeys, false, null, now,
                    days(30))));
            writePem("client-rsa.key", List.of(rsaKeys.getPrivate()));

            KeyPair expiredKeys = ec();
            writePem("client-expired.pem", List.of(leaf("CN=hub-expired", expiredKeys, ca, caKeys, false, null,
                    now.minus(days(10)), days(9))));
            writePem("client-expired.key", List.of(pkcs8(expiredKeys)));

            KeyPair otherCaKeys = ec();
            X509Certificate otherCa = caCert("CN=unrelated test CA", otherCaKeys);
            writePem("other-ca.pem", List.of(otherCa));
            KeyPair otherClientKeys = ec();
            writePem("other-client.pem", List.of(leaf("CN=hub-other", otherClientKeys, otherCa, otherCaKeys,
                    false, null, now, days(30))));
            writePem("other-client.key", List.of(pkcs8(otherClientKeys)));
        }

        private static PemObjectGenerator pkcs8(KeyPair keys) throws IOException {
            return new JcaPKCS8Generator(keys.getPrivate(), null);
        }

        /**
         * SEC1 {@code EC PRIVATE KEY} with the curve inside, as OpenSSL writes it (the JDK's PKCS#8 encoding
         * keeps the curve only in the outer algorithm identifier, which OpenSSL cannot read from SEC1 alone).
         */
        private static PemObject sec1(KeyPair keys) throws IOException {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            ECPrivateKey full = new ECPrivateKey(256, inner.getKey(), pub.getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return new PemObject("EC PRIVATE KEY", full.getEncoded());
        }

        private static Duration days(int n) {
            return Duration.ofDays(n);
        }

        private static KeyPair ec() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        }

        private X509Certificate caCert(String dn, KeyPair keys)
                throws IOException, GeneralSecurityException, OperatorCreationException {
            X500Name name = new X500Name(dn);
            var ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(days(30))), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(b, keys.getPrivate());
        }

        private X509Certificate leaf(String dn, KeyPair keys, X509Certificate issuer, KeyPair issuerKeys,
                                     boolean server, GeneralNames san, Instant from, Duration validity)
                throws IOException, GeneralSecurityException, OperatorCreationException {
            var ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(from.minus(Duration.ofHours(1))), Date.from(from.plus(validity)), new X500Name(dn),
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(issuer));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            return sign(b, issuerKeys.getPrivate());
        }

        private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
                throws GeneralSecurityException, OperatorCreationException {
            String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(key)));
        }

        private static BigInteger serial() {
            return BigInteger.valueOf(SERIAL.incrementAndGet());
        }

        private void writePem(String name, List<?> objects) throws IOException {
            try (Writer w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.US_ASCII);
                 JcaPEMWriter pem = new JcaPEMWriter(w)) {
                for (Object o : new ArrayList<>(objects)) {
                    if (o instanceof PemObject p) {
                        pem.writeObject(p);
                    } else if (o instanceof PemObjectGenerator g) {
                        pem.writeObject(g);
                    } else {
                        pem.writeObject(o);
                    }
                }
            }
        }
    }
}
