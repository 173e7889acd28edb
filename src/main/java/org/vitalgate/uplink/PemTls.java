package org.vitalgate.uplink;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Builds the HiveMQ TLS configuration from PEM files: trust anchors from {@code caFile} (one or more
 * certificates; the JVM default trust store when absent), an optional client certificate chain and private
 * key (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}, unencrypted)
 * for mutual TLS. Protocols are TLSv1.3 and TLSv1.2 only. Host name verification stays on: no host name
 * verifier is set, so the HiveMQ client enables the {@code HTTPS} endpoint identification algorithm on the
 * TLS engine (the broker's certificate must name the host or IP address of the broker URI).
 *
 * <p>Stateless; thread-safe.
 */
public final class PemTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private PemTls() {
    }

    /** The HiveMQ TLS configuration for {@code tls}. */
    public static MqttClientSslConfig sslConfig(UplinkSettings.TlsSettings tls, long handshakeTimeoutMs)
            throws TlsMaterialException {
        MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder()
                .protocols(PROTOCOLS)
                .handshakeTimeout(handshakeTimeoutMs, TimeUnit.MILLISECONDS);
        if (tls.caFile().isPresent()) {
            builder = builder.trustManagerFactory(trustManagers(readCertificates(tls.caFile().get())));
        }
        if (tls.clientCert().isPresent() && tls.clientKey().isPresent()) {
            builder = builder.keyManagerFactory(keyManagers(readCertificates(tls.clientCert().get()),
                    readPrivateKey(tls.clientKey().get())));
        }
        return builder.build();
    }

    /** Every certificate in a PEM file, in file order; at least one. */
    public static List<X509Certificate> readCertificates(Path pem) throws TlsMaterialException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : all) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new TlsMaterialException("no certificate in " + pem);
            }
            return certs;
        } catch (IOException e) {
            throw new TlsMaterialException("cannot read certificate file " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("not a PEM certificate file: " + pem + ": " + e.getMessage(), e);
        }
    }

    /** The first private key in a PEM file (PKCS#8, PKCS#1 RSA or SEC1 EC; other PEM blocks are skipped). */
    public static PrivateKey readPrivateKey(Path pem) throws TlsMaterialException {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsMaterialException("encrypted private keys are not supported: " + pem);
                }
            }
            throw new TlsMaterialException("no private key in " + pem);
        } catch (IOException e) {
            throw new TlsMaterialException("cannot read private key file " + pem + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            throw new TlsMaterialException("malformed private key file " + pem, e);
        }
    }

    private static TrustManagerFactory trustManagers(List<X509Certificate> anchors) throws TlsMaterialException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                ks.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot build trust store: " + e.getMessage(), e);
        }
    }

    private static KeyManagerFactory keyManagers(List<X509Certificate> chain, PrivateKey key)
            throws TlsMaterialException {
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new TlsMaterialException("client key (" + key.getAlgorithm()
                    + ") does not match the client certificate (" + chain.get(0).getPublicKey().getAlgorithm() + ")");
        }
        try {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            char[] password = HexFormat.of().formatHex(random).toCharArray();   // in-memory store only
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot use the client certificate and key: " + e.getMessage(), e);
        }
    }
}
