package dev.stage1kvm.deb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/** A throw-away Ed25519 OpenPGP key that signs cleartext messages the way Debian's archive does, for tests. */
final class TestPgp {

    private final PGPKeyPair keyPair;
    private final PGPPublicKeyRing publicRing;

    TestPgp(String userId) {
        try {
            Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
            generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            keyPair = new BcPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, pair, new Date());
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(
                    PGPSignature.POSITIVE_CERTIFICATION,
                    keyPair,
                    userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
                    null,
                    null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
                    null);
            publicRing = rings.generatePublicKeyRing();
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    ArchiveKeyring keyring() {
        return ArchiveKeyring.of(List.of(publicRing), "the test keyring");
    }

    String keyId() {
        return ArchiveKeyring.keyIdText(keyPair.getKeyID());
    }

    /** The public key in binary form, as a keyring file holds it. */
    byte[] publicKeyring() {
        try {
            return publicRing.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} (Unix lines) as a cleartext signed message with one SHA-256 signature. */
    byte[] clearSign(String text) {
        List<String> lines = text.lines().toList();
        byte[] canonical = String.join(
                        "\r\n", lines.stream().map(String::stripTrailing).toList())
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(ClearSignedMessage.BEGIN_MESSAGE).append("\nHash: SHA256\n\n");
        for (String line : lines) {
            out.append(line.startsWith("-") ? "- " + line : line).append('\n');
        }
        return (out + armor(sign(canonical))).getBytes(StandardCharsets.UTF_8);
    }

    private PGPSignature sign(byte[] canonical) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
                    keyPair.getPublicKey());
            generator.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, keyPair.getPrivateKey());
            generator.update(canonical);
            return generator.generate();
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String armor(PGPSignature signature) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes);
                BCPGOutputStream packets = new BCPGOutputStream(armored)) {
            signature.encode(packets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
