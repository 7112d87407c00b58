package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.deb.DebCache;
import dev.stage1kvm.deb.DebFetchException;
import dev.stage1kvm.deb.DebFormatException;
import dev.stage1kvm.deb.DebResolutionException;
import dev.stage1kvm.deb.DebVerificationException;
import dev.stage1kvm.deb.Fetcher;
import dev.stage1kvm.deb.LockFile;
import dev.stage1kvm.deb.TestRepository;
import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default kernel source through the build's Debian client, against a signed archive on 127.0.0.1 named by the
 * user-facing settings: mirror, suites, components and keyring.
 */
class DebianKernelSourceTest {

    private static final byte[] TARBALL = "the kernel source tarball".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final RecordingListener log = new RecordingListener();
    private TestRepository repository;
    private Path keyring;

    @BeforeEach
    void publish() throws IOException {
        repository = new TestRepository();
        repository.addPackage("app", "1.0", "amd64", "", Map.of("usr/bin/app", new byte[] {1}));
        repository.addPackage("binutils", "2.40", "amd64", "", Map.of("usr/bin/ld", new byte[] {2}));
        keyring = repository.writeKeyring(dir.resolve("archive.gpg"));
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private DebianKernelSource source(String suites, String components, Path keys, boolean offline) {
        DebianInputs.Settings settings = new DebianInputs.Settings(
                DebianSourceSettings.parse(repository.archive().toString(), suites, components, keys),
                new DebCache(dir.resolve("cache")),
                dir.resolve(LockFile.FILE_NAME),
                false,
                offline);
        return new DebianKernelSource(new DebianInputs(settings, List.of("app"), log), log);
    }

    private void addKernelSource(String name) {
        repository.addPackage(
                name, "6.1.192-3", "all", "Depends: binutils\n", Map.of("usr/src/" + name + ".tar.xz", TARBALL));
        repository.publish("stable");
    }

    @Test
    void takesTheTarballOutOfThePinnedPackageAloneAndNothingElse() throws IOException {
        addKernelSource("linux-source-6.1");

        Path tarball = source("stable", "main", keyring, false).fetch();

        assertThat(Files.readAllBytes(tarball)).isEqualTo(TARBALL);
        assertThat(tarball).startsWith(dir.resolve("cache"));
        assertThat(LockFile.read(dir.resolve(LockFile.FILE_NAME)))
                .extracting(LockFile.Entry::name)
                .containsExactly("app", "linux-source-6.1");
        assertThat(repository.requests())
                .filteredOn(request -> request.endsWith(".deb"))
                .singleElement()
                .asString()
                .contains("linux-source-6.1_6.1.192-3_all.deb");
    }

    @Test
    void aSuiteThatNamesItsArchiveIsReadThereWhateverTheMirror() throws IOException {
        addKernelSource("linux-source-6.1");
        DebianInputs.Settings settings = new DebianInputs.Settings(
                DebianSourceSettings.parse(
                        "http://127.0.0.1:9/nothing", repository.archive() + " stable", "main", keyring),
                new DebCache(dir.resolve("cache")),
                dir.resolve(LockFile.FILE_NAME),
                false,
                false);

        Path tarball = new DebianKernelSource(new DebianInputs(settings, List.of("app"), log), log).fetch();

        assertThat(Files.readAllBytes(tarball)).isEqualTo(TARBALL);
    }

    @Test
    void debiansOwnKeysRejectAnArchiveSignedByAnotherKey() {
        addKernelSource("linux-source-6.1");

        assertThatThrownBy(() -> source("stable", "main", null, false).fetch())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining(repository.archive() + "/dists/stable/InRelease");
        assertThat(dir.resolve(LockFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void aComponentTheArchiveLacksIsNamed() {
        addKernelSource("linux-source-6.1");

        assertThatThrownBy(
                        () -> source("stable", "main,contrib", keyring, false).fetch())
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining(
                        "lists no contrib/binary-amd64/Packages.xz. Check the component and architecture" + " names.");
    }

    @Test
    void aSuiteWithoutTheKernelSourcePackageSuggestsTheClosestNames() {
        addKernelSource("linux-source-6.12");

        assertThatThrownBy(() -> source("stable", "main", keyring, false).fetch())
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining(
                        "Package 'linux-source-6.1' is not in the configured Debian sources. Did you mean:"
                                + " linux-source-6.12?");
    }

    @Test
    void aPackageWithoutTheTarballIsNamed() {
        repository.addPackage("linux-source-6.1", "6.1.192-3", "all", "", Map.of("usr/share/doc/readme", TARBALL));
        repository.publish("stable");

        assertThatThrownBy(() -> source("stable", "main", keyring, false).fetch())
                .isInstanceOf(DebFormatException.class)
                .hasMessageContaining("linux-source-6.1 holds no file /usr/src/linux-source-6.1.tar.xz");
    }

    @Test
    void offlineWithAColdCacheNamesTheFetchCommand() {
        addKernelSource("linux-source-6.1");

        assertThatThrownBy(() -> source("stable", "main", keyring, true).fetch())
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining(
                        "Offline, and " + repository.archive() + "/dists/stable/InRelease is not in the" + " cache")
                .hasMessageContaining(Fetcher.FETCH_COMMAND);
    }
}
