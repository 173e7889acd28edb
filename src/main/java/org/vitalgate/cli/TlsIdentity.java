package org.vitalgate.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.vitalgate.uplink.PemTls;
import org.vitalgate.uplink.TlsMaterialException;

/**
 * The hub's TLS files in one directory ({@code /etc/vitalgate/tls}): {@code ca.pem}, {@code client.pem},
 * {@code client.key} (and {@code client.csr} when generated). Files are mode 0640 and, when the group exists,
 * owned by group {@code vitalgate}, so the service can read them and other users cannot.
 */
final class TlsIdentity {
    private static final String GROUP = "vitalgate";
    private final Path dir;

    TlsIdentity(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    Path installCa(Path ca) throws IOException, TlsMaterialException {
        PemTls.readCertificates(ca);                    // refuse what the service could not load
        return install(ca, "ca.pem");
    }

    /** Installs the certificate and the key (or the generated key when {@code key} is null). */
    Path[] installIdentity(Path cert, Path key) throws IOException, TlsMaterialException {
        PemTls.readCertificates(cert);
        Path keyFile = dir.resolve("client.key");
        if (key != null) {
            PemTls.readPrivateKey(key);
            keyFile = install(key, "client.key");
        } else if (!Files.exists(keyFile)) {
            throw new IOException("no --key given and no generated key at " + keyFile + " (use --generate-key first)");
        }
        return new Path[] {install(cert, "client.pem"), keyFile};
    }

    /** Keeps an existing key; otherwise generates an EC P-256 key. Writes the CSR if missing or the key is new. */
    Path ensureKeyAndCsr(String hubId) throws IOException, GeneralSecurityException {
        Path keyFile = dir.resolve("client.key");
        Path csrFile = dir.resolve("client.csr");
        directory();
        KeyPair pair;
        if (Files.exists(keyFile)) {
            if (Files.exists(csrFile)) {
                return csrFile;
            }
            throw new IOException(keyFile + " exists without its CSR " + csrFile + ": the key is kept; restore the CSR"
                    + " or remove the key to generate a new pair");
        } else {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            pair = gen.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            write(keyFile, pem);
        }
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + hubId), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(csr);
            }
            write(csrFile, w.toString());
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        return csrFile;
    }

    private Path install(Path source, String name) throws IOException {
        directory();
        Path target = dir.resolve(name);
        if (Files.exists(target) && Files.mismatch(source, target) == -1) {
            return target;                                      // idempotent: same content, nothing to do
        }
        write(target, Files.readString(source));
        return target;
    }

    private void directory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            group(dir);
        }
    }

    private static void write(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Files.writeString(tmp, content);
        group(tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gives {@code file} the group and mode of {@code like} (if it exists), else 0640 and group vitalgate. */
    static void copyOwnership(Path like, Path file) throws IOException {
        if (Files.exists(like)) {
            Files.setPosixFilePermissions(file, Files.getPosixFilePermissions(like));
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            view.setGroup(Files.readAttributes(like, java.nio.file.attribute.PosixFileAttributes.class).group());
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            group(file);
        }
    }

    private static void group(Path file) {
        try {
            GroupPrincipal g = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(GROUP);
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(g);
        } catch (IOException | UnsupportedOperationException e) {
            // no vitalgate group (a developer machine): owner-only access stays
        }
    }
}
