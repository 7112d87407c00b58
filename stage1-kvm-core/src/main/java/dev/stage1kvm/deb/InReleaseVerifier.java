package dev.stage1kvm.deb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks the OpenPGP signatures of an {@code InRelease} file. The file is accepted when at least one signature by a
 * key of the keyring verifies and no signature by a key of the keyring fails; signatures by keys outside the keyring
 * are ignored (Debian signs with the current and the next release's keys), unless there is no other.
 */
public final class InReleaseVerifier {

    private final ArchiveKeyring keyring;

    public InReleaseVerifier(ArchiveKeyring keyring) {
        this.keyring = keyring;
    }

    /** The outcome: the signed text and the ids of the keys whose signatures verified. */
    public record Verified(String text, List<String> signerKeyIds) {}

    /**
     * Verifies a cleartext signed {@code InRelease} file.
     *
     * @param url where the file came from, named in every error
     * @throws DebVerificationException on a bad signature, a weak hash, a revoked or expired key, or only unknown keys
     * @throws DebFormatException when the file is not a cleartext signed message
     */
    public Verified verify(byte[] inRelease, String url) {
        ClearSignedMessage message = ClearSignedMessage.parse(inRelease, url);
        List<PGPSignature> signatures = signatures(message, url);
        byte[] signed = message.signedBytes();
        List<String> good = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PGPSignature signature : signatures) {
            PGPPublicKey key = keyring.find(signature.getKeyID());
            if (key == null) {
                unknown.add(ArchiveKeyring.keyIdText(signature.getKeyID()));
            } else {
                check(signature, key, signed, url);
                good.add(ArchiveKeyring.keyIdText(signature.getKeyID()));
            }
        }
        if (good.isEmpty()) {
            throw new DebVerificationException(
                    url,
                    url + " is signed only by unknown key(s) " + String.join(", ", unknown) + ", none of which is in "
                            + keyring.description() + ". If you trust this archive, give a keyring file that holds"
                            + " its signing key.");
        }
        return new Verified(message.text(), List.copyOf(good));
    }

    private void check(PGPSignature signature, PGPPublicKey key, byte[] signed, String url) {
        String keyText =
                ArchiveKeyring.keyIdText(signature.getKeyID()) + " (" + ArchiveKeyring.userId(key, keyring) + ")";
        int hash = signature.getHashAlgorithm();
        if (hash == HashAlgorithmTags.MD5 || hash == HashAlgorithmTags.SHA1 || hash == HashAlgorithmTags.RIPEMD160) {
            throw new DebVerificationException(
                    url, url + ": signature by key " + keyText + " uses a weak hash algorithm (id " + hash + ")");
        }
        if (key.hasRevocation()) {
            throw new DebVerificationException(url, url + ": signing key " + keyText + " is revoked in the keyring");
        }
        Date created = signature.getCreationTime();
        long validSeconds = key.getValidSeconds();
        if (validSeconds > 0 && created.getTime() > key.getCreationTime().getTime() + validSeconds * 1000) {
            throw new DebVerificationException(
                    url, url + ": signature by key " + keyText + " was made after the key expired");
        }
        if (!verifies(signature, key, signed)) {
            throw new DebVerificationException(
                    url,
                    "BAD signature on " + url + " by key " + keyText + ": the file was changed after it was signed."
                            + " Do not use this mirror; try again or use another one.");
        }
    }

    private static boolean verifies(PGPSignature signature, PGPPublicKey key, byte[] signed) {
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(signed);
            return signature.verify();
        } catch (PGPException e) {
            return false;
        }
    }

    private static List<PGPSignature> signatures(ClearSignedMessage message, String url) {
        byte[] armored = message.armoredSignature().getBytes(StandardCharsets.US_ASCII);
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (!(object instanceof PGPSignatureList)) {
                    throw new DebFormatException(url, object.getClass().getSimpleName(), "unexpected OpenPGP packet");
                }
                ((PGPSignatureList) object).forEach(signatures::add);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DebFormatException) {
                throw (DebFormatException) e;
            }
            throw new DebFormatException(url, null, "the signature block cannot be read: " + e.getMessage());
        }
        if (signatures.isEmpty()) {
            throw new DebFormatException(url, null, "the signature block holds no signatures");
        }
        return signatures;
    }
}
