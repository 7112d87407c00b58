package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebFetchException;
import dev.stage1kvm.deb.Fetcher;
import dev.stage1kvm.deb.TestRepository;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.source.InputDigest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSourcesTest {

    private static final byte[] TARBALL = "a kernel tarball".getBytes(StandardCharsets.UTF_8);
    private static final String SHA256 = "a".repeat(64);

    @TempDir
    Path dir;

    private Fetcher fetcher(boolean offline) {
        return new Fetcher(new DebCache(dir.resolve("cache")), offline, BuildListener.SILENT);
    }

    private KernelSource parse(String value, String sha256) {
        return KernelSources.parse(value, sha256, dir, fetcher(false), "<kernelSource>");
    }

    @Test
    void aRelativeTarballIsTakenFromTheBaseFolderAndCheckedAgainstItsDigest() throws IOException {
        Path tarball = Files.write(dir.resolve("linux.tar.xz"), TARBALL);
        String actual = InputDigest.sha256(tarball);

        assertThat(parse("linux.tar.xz", actual.toUpperCase()).fetch()).isEqualTo(tarball);
        assertThatThrownBy(() -> parse("linux.tar.xz", SHA256).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("<kernelSource>: " + tarball + " has SHA-256 " + actual + ", not the expected " + SHA256
                        + "; if it is the file you meant, give its SHA-256 as the expected one,"
                        + " else get it again from a source you trust");
    }

    @Test
    void aFolderIsTakenAsItIsButNotWithADigest() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("linux"));

        assertThat(parse(folder.toString(), null).fetch()).isEqualTo(folder);
        assertThatThrownBy(() -> parse(folder.toString(), SHA256).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a folder, and an expected SHA-256 (" + SHA256 + ") checks only a tarball");
    }

    @Test
    void aPathThatIsNeitherIsNamed() {
        assertThatThrownBy(() -> parse("missing.tar.xz", null).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "'" + dir.resolve("missing.tar.xz") + "' is neither a kernel source tarball nor a" + " folder");
    }

    @Test
    void aUrlIsDownloadedOnceIntoTheContentAddressedCache() throws IOException {
        try (TestRepository server = new TestRepository()) {
            URI url = server.put("/files/linux.tar.xz", TARBALL);
            String sha256 = InputDigest.sha256(new String(TARBALL, StandardCharsets.UTF_8));

            Path first = parse(url.toString(), sha256).fetch();
            Path second = parse(url.toString(), sha256).fetch();

            assertThat(first).isEqualTo(second).isEqualTo(new DebCache(dir.resolve("cache")).blobPath(sha256));
            assertThat(Files.readAllBytes(first)).isEqualTo(TARBALL);
            assertThat(server.requests()).containsExactly("GET /files/linux.tar.xz");
        }
    }

    @Test
    void aDownloadWithAnotherDigestNamesBothAndKeepsNothing() throws IOException {
        try (TestRepository server = new TestRepository()) {
            URI url = server.put("/files/linux.tar.xz", TARBALL);
            String actual = InputDigest.sha256(new String(TARBALL, StandardCharsets.UTF_8));

            assertThatThrownBy(() -> parse(url.toString(), SHA256).fetch())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(url + " has SHA-256 " + actual + ", not the expected " + SHA256);
            assertThat(new DebCache(dir.resolve("cache")).blob(SHA256)).isEmpty();
            assertThat(new DebCache(dir.resolve("cache")).blob(actual)).isEmpty();
        }
    }

    @Test
    void aUrlNeedsADigestAndADigestMustBeSha256() {
        assertThatThrownBy(() -> parse("https://cdn.example/linux-6.1.tar.xz", null))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.setting()).isEqualTo(KernelSources.SHA256_SETTING))
                .hasMessageContaining("the kernel source https://cdn.example/linux-6.1.tar.xz is a URL");
        assertThatThrownBy(() -> parse("https://cdn.example/linux-6.1.tar.xz", "abc"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage(KernelSources.SHA256_SETTING + " 'abc' is not a SHA-256 (64 hex digits)");
    }

    @Test
    void offlineAUrlThatIsNotCachedNamesTheFetchCommand() {
        KernelSource source = KernelSources.parse(
                "https://cdn.example/linux-6.1.tar.xz", SHA256, dir, fetcher(true), "<kernelSource>");

        assertThatThrownBy(source::fetch)
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining("Offline, and <kernelSource> from https://cdn.example/linux-6.1.tar.xz is not in"
                        + " the cache")
                .hasMessageContaining(Fetcher.FETCH_COMMAND);
    }
}
