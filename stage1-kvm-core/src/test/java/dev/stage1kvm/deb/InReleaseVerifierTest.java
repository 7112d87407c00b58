package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InReleaseVerifierTest {

    private static final String URL = "http://mirror.test/debian/dists/bookworm/InRelease";
    /** The signing subkey of Debian Security Archive Automatic Signing Key (12/bookworm), 254CF3B5AEC0A8F0. */
    private static final String BOOKWORM_SECURITY_KEY = "BDE6D2B9216EC7A8";

    private static byte[] realInRelease() throws IOException {
        try (InputStream in = InReleaseVerifierTest.class.getResourceAsStream("bookworm-security-InRelease")) {
            return in.readAllBytes();
        }
    }

    @Test
    void acceptsARealDebianInReleaseWithTheShippedKeys() throws IOException {
        InReleaseVerifier.Verified verified =
                new InReleaseVerifier(ArchiveKeyring.debian()).verify(realInRelease(), URL);

        assertThat(verified.signerKeyIds()).contains(BOOKWORM_SECURITY_KEY);
        assertThat(verified.text()).startsWith("Origin: Debian\n").contains("Codename: bookworm-security\n");
        assertThat(verified.text()).doesNotContain("PGP");
    }

    @Test
    void rejectsARealInReleaseWithOneCharacterChanged() throws IOException {
        String text = new String(realInRelease(), StandardCharsets.UTF_8)
                .replace("Codename: bookworm-security", "Codename: bookworm-securitx");

        assertThatThrownBy(() -> new InReleaseVerifier(ArchiveKeyring.debian())
                        .verify(text.getBytes(StandardCharsets.UTF_8), URL))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("BAD signature on " + URL)
                .hasMessageContaining(BOOKWORM_SECURITY_KEY);
    }

    @Test
    void acceptsAMessageSignedByAGeneratedKeyAndReturnsTheUnescapedText() {
        TestPgp key = new TestPgp("Test Archive <archive@test>");
        byte[] signed = key.clearSign("Origin: Test\n-dash line\nTrailing: spaces   \n");

        InReleaseVerifier.Verified verified = new InReleaseVerifier(key.keyring()).verify(signed, URL);

        assertThat(verified.text()).isEqualTo("Origin: Test\n-dash line\nTrailing: spaces\n");
        assertThat(verified.signerKeyIds()).containsExactly(key.keyId());
    }

    @Test
    void rejectsASignatureByAKeyOutsideTheKeyringNamingTheKeyAndUrl() {
        TestPgp trusted = new TestPgp("Trusted <t@test>");
        TestPgp stranger = new TestPgp("Stranger <s@test>");

        assertThatThrownBy(() -> new InReleaseVerifier(trusted.keyring()).verify(stranger.clearSign("A: 1\n"), URL))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining(URL + " is signed only by unknown key(s) " + stranger.keyId())
                .hasMessageContaining("the test keyring");
    }

    @Test
    void theRealFileIsSignedByUnknownKeysAsFarAsATestKeyringKnows() {
        assertThatThrownBy(() ->
                        new InReleaseVerifier(new TestPgp("Other <o@test>").keyring()).verify(realInRelease(), URL))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining(BOOKWORM_SECURITY_KEY);
    }

    @Test
    void rejectsTextAfterTheSignatureBlock() {
        TestPgp key = new TestPgp("Test <t@test>");
        byte[] signed = (new String(key.clearSign("A: 1\n"), StandardCharsets.UTF_8) + "Injected: yes\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new InReleaseVerifier(key.keyring()).verify(signed, URL))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("text after the signature");
    }

    @Test
    void rejectsAFileThatIsNotClearSigned() {
        assertThatThrownBy(() -> new InReleaseVerifier(ArchiveKeyring.debian())
                        .verify("Origin: Debian\n".getBytes(StandardCharsets.UTF_8), URL))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(URL)
                .hasMessageContaining("BEGIN PGP SIGNED MESSAGE");
    }

    @Test
    void aUserKeyringFileReplacesTheShippedKeys(@TempDir Path dir) throws IOException {
        TestPgp key = new TestPgp("Own archive <own@test>");
        Path file = Files.write(dir.resolve("own.gpg"), key.publicKeyring());

        ArchiveKeyring keyring = ArchiveKeyring.fromFile(file);

        assertThat(keyring.keyIds()).containsExactly(key.keyId());
        assertThat(new InReleaseVerifier(keyring)
                        .verify(key.clearSign("A: 1\n"), URL)
                        .signerKeyIds())
                .containsExactly(key.keyId());
    }

    @Test
    void aKeyringFileWithoutKeysIsRejectedByName(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("empty.gpg"), "not a key");

        assertThatThrownBy(() -> ArchiveKeyring.fromFile(file))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aMissingKeyringFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nosuch.gpg");

        assertThatThrownBy(() -> ArchiveKeyring.fromFile(file))
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining(file + ": keyring file does not exist");
    }

    @Test
    void theShippedKeyringHoldsBookwormAndTrixieKeys() {
        assertThat(ArchiveKeyring.debian().keyIds())
                .hasSize(6)
                .contains("B7C5D7D6350947F8", "254CF3B5AEC0A8F0", "F8D2585B8783D481");
    }
}
