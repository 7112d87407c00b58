package dev.stage1kvm.deb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys an {@code InRelease} file may be signed with. By default Debian's bookworm and trixie
 * archive keys, shipped as resources (see {@code keyrings.txt} beside this class); a user keyring file (binary or
 * ASCII-armoured, as {@code gpg --export} writes it) replaces them.
 */
public final class ArchiveKeyring {

    private static final String RESOURCE_LIST = "keyrings.txt";

    private final List<PGPPublicKeyRing> rings;
    private final String description;

    private ArchiveKeyring(List<PGPPublicKeyRing> rings, String description) {
        this.rings = List.copyOf(rings);
        this.description = description;
    }

    /** Debian's archive keys shipped with stage1-kvm. */
    public static ArchiveKeyring debian() {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (InputStream list = resource(RESOURCE_LIST)) {
            for (String line : new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))
                    .lines()
                    .toList()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    try (InputStream in = resource(line.strip())) {
                        rings.addAll(read(in, line.strip()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyrings shipped with stage1-kvm", e);
        }
        return new ArchiveKeyring(rings, "Debian's archive keys shipped with stage1-kvm");
    }

    /**
     * Reads a keyring file.
     *
     * @throws DebFormatException when the file holds no OpenPGP public keys
     */
    public static ArchiveKeyring fromFile(Path keyringFile) throws IOException {
        if (!Files.isRegularFile(keyringFile)) {
            throw new DebFormatException(
                    keyringFile.toString(),
                    null,
                    "keyring file does not exist; give the path of a file written by gpg --export,"
                            + " or none to use Debian's keys shipped with stage1-kvm");
        }
        try (InputStream in = Files.newInputStream(keyringFile)) {
            List<PGPPublicKeyRing> rings = read(in, keyringFile.toString());
            return new ArchiveKeyring(rings, "keyring file " + keyringFile);
        }
    }

    /** Keys given directly, e.g. by tests. */
    public static ArchiveKeyring of(List<PGPPublicKeyRing> rings, String description) {
        return new ArchiveKeyring(rings, description);
    }

    /** The key (primary or subkey) with this 64-bit id, or {@code null}. */
    public PGPPublicKey find(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = ring.getPublicKey(keyId);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    /** Where the keys came from, for error messages. */
    public String description() {
        return description;
    }

    /** Ids of all primary keys, as 16 upper-case hex digits. */
    public List<String> keyIds() {
        return rings.stream().map(r -> keyIdText(r.getPublicKey().getKeyID())).toList();
    }

    static String keyIdText(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    /** The first user id of the ring holding a key, for messages; empty when there is none. */
    static String userId(PGPPublicKey key, ArchiveKeyring keyring) {
        for (PGPPublicKeyRing ring : keyring.rings) {
            if (ring.getPublicKey(key.getKeyID()) != null) {
                Iterator<String> ids = ring.getPublicKey().getUserIDs();
                return ids.hasNext() ? ids.next() : "";
            }
        }
        return "";
    }

    private static List<PGPPublicKeyRing> read(InputStream in, String source) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            PGPPublicKeyRingCollection collection =
                    new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(in), new BcKeyFingerprintCalculator());
            collection.getKeyRings().forEachRemaining(rings::add);
        } catch (PGPException | IOException | RuntimeException e) {
            throw new DebFormatException(source, null, "not an OpenPGP public keyring: " + e.getMessage());
        }
        if (rings.isEmpty()) {
            throw new DebFormatException(source, null, "holds no OpenPGP public keys; export them with gpg --export");
        }
        return rings;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ArchiveKeyring.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource dev/stage1kvm/deb/" + name + " is missing from the stage1-kvm-core jar");
        }
        return in;
    }
}
