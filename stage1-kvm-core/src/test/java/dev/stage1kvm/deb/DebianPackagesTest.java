package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianPackagesTest {

    @TempDir
    Path dir;

    private final TestPgp key = new TestPgp("Test Archive <archive@test>");
    private final RecordingListener log = new RecordingListener();
    private LocalMirror mirror;

    @BeforeEach
    void publishMirror() {
        try {
            mirror = new LocalMirror();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        mirror.addPackage("app", "1.0-1", "Depends: libfoo\n");
        mirror.addPackage("libfoo", "2.1", "");
        mirror.publish("stable", key, Instant.now().minus(1, ChronoUnit.HOURS), null);
    }

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    private DebianPackages packages(List<URI> archives, boolean offline) {
        List<DebianSources.Suite> suites =
                archives.stream().map(a -> new DebianSources.Suite(a, "stable")).toList();
        DebianSources sources = new DebianSources(suites, List.of("main"), "amd64", null, true);
        Fetcher fetcher = new Fetcher(new DebCache(dir.resolve("cache")), offline, log, 3, Duration.ZERO);
        return new DebianPackages(
                new DebianRepository(sources, fetcher, log, key.keyring(), Clock.systemUTC()), "amd64", log);
    }

    @Test
    void writesALockFileThenFollowsItWithoutReadingAnyIndex() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        List<DebianPackages.Fetched> first =
                packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile);
        Files.delete(dir.resolve("cache/blobs/sha256")
                .resolve(first.get(0).entry().sha256().substring(0, 2))
                .resolve(first.get(0).entry().sha256()));
        int before = mirror.requests().size();

        List<DebianPackages.Fetched> second =
                packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile);

        assertThat(second).isEqualTo(first);
        assertThat(mirror.requests().subList(before, mirror.requests().size()))
                .containsExactly("GET /debian/" + first.get(0).entry().path());
        assertThat(log.lines).contains("INFO Following " + lockFile + ": 2 packages pinned (resolver not used)");
    }

    @Test
    void pinsAPackageAloneAndABuildFetchesOnlyTheClosureItNeeds() throws IOException {
        mirror.addPackage(
                "linux-source-6.1",
                "6.1.192-3",
                "all",
                "Depends: binutils\n",
                TestDebs.deb("linux-source-6.1", "6.1.192-3", TestDebs.usrTree("linux-source-6.1")));
        mirror.addPackage("binutils", "2.40", "");
        mirror.publish("stable", key, Instant.now().minus(1, ChronoUnit.HOURS), null);
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        DebianPackages client = packages(List.of(mirror.archive()), false);

        PinnedPackages pinned =
                client.pin(new DebianPackages.Request(List.of("app"), List.of("linux-source-6.1")), lockFile);
        List<String> afterPin = mirror.requests();
        List<DebianPackages.Fetched> userland = client.fetch(pinned, List.of("app"));
        List<DebianPackages.Fetched> kernel = client.fetch(pinned, List.of("linux-source-6.1"));

        assertThat(LockFile.read(lockFile))
                .extracting(LockFile.Entry::name, LockFile.Entry::depends)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app", List.of("libfoo")),
                        org.assertj.core.groups.Tuple.tuple("libfoo", List.of()),
                        org.assertj.core.groups.Tuple.tuple("linux-source-6.1", List.of()));
        assertThat(afterPin).noneMatch(request -> request.endsWith(".deb"));
        assertThat(userland).extracting(f -> f.entry().name()).containsExactly("app", "libfoo");
        assertThat(kernel).extracting(f -> f.entry().name()).containsExactly("linux-source-6.1");
        assertThat(mirror.requests()).noneMatch(request -> request.contains("binutils"));
    }

    @Test
    void aLockFileWithoutDependenciesGivesEveryPackageItPins() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        DebianPackages client = packages(List.of(mirror.archive()), false);
        List<DebianPackages.Fetched> first = client.fetch(List.of("app"), lockFile);
        LockFile.write(
                lockFile,
                first.stream()
                        .map(f -> {
                            LockFile.Entry e = f.entry();
                            return new LockFile.Entry(
                                    e.name(), e.version(), e.architecture(), e.sha256(), e.sizeBytes(), e.path());
                        })
                        .toList());

        List<DebianPackages.Fetched> second = client.fetch(List.of("libfoo"), lockFile);

        assertThat(second).extracting(f -> f.entry().name()).containsExactly("app", "libfoo");
    }

    @Test
    void aLockedPackageIsLookedForInEachArchiveInTurn() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile);
        Files.walk(dir.resolve("cache/blobs"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        URI elsewhere = URI.create(mirror.archive() + "-elsewhere");

        List<DebianPackages.Fetched> fetched =
                packages(List.of(elsewhere, mirror.archive()), false).fetch(List.of("app"), lockFile);

        assertThat(fetched).hasSize(2).allSatisfy(f -> assertThat(f.deb()).isRegularFile());
        assertThat(mirror.requests()).anyMatch(r -> r.startsWith("GET /debian-elsewhere/pool/"));
    }

    @Test
    void aLockedDebWithAnotherDigestIsRejected() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        List<DebianPackages.Fetched> first =
                packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile);
        String sha = first.get(0).entry().sha256();
        Files.writeString(lockFile, Files.readString(lockFile).replace(sha, "0".repeat(64)));

        assertThatThrownBy(() -> packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("expected " + "0".repeat(64) + ", got " + sha);
    }

    @Test
    void aLockFileThatDoesNotPinARequestedPackageIsNamed() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        packages(List.of(mirror.archive()), false).fetch(List.of("libfoo"), lockFile);

        assertThatThrownBy(() -> packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining(lockFile + " does not pin requested package 'app'");
    }

    @Test
    void aLockFileWhosePinMissesARequestedVersionIsNamed() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        packages(List.of(mirror.archive()), false).fetch(List.of("app"), lockFile);

        assertThatThrownBy(() -> packages(List.of(mirror.archive()), false).fetch(List.of("app (>= 2)"), lockFile))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining(
                        lockFile + " pins app=1.0-1/amd64, which does not satisfy requested package" + " 'app (>= 2)'");
    }

    @Test
    void aPinnedPackageNoArchiveCarriesAnyMoreNamesThePinTheLockFileAndEveryUrlTried() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        String path = "pool/main/a/app/app_0.9-1_amd64.deb";
        LockFile.Entry gone = new LockFile.Entry("app", "0.9-1", "amd64", "c".repeat(64), 10, path, List.of());
        LockFile.write(lockFile, List.of(gone));
        URI elsewhere = URI.create(mirror.archive() + "-elsewhere");

        assertThatThrownBy(() ->
                        packages(List.of(mirror.archive(), elsewhere), false).fetch(List.of("app"), lockFile))
                .isInstanceOfSatisfying(PinnedPackageMissingException.class, e -> {
                    assertThat(e.lockFile()).isEqualTo(lockFile);
                    assertThat(e.entry()).isEqualTo(gone);
                    assertThat(e.problem())
                            .isEqualTo("app=0.9-1/amd64, pinned by " + lockFile + ", is not on the mirror: "
                                    + mirror.archive() + "/" + path + ", " + elsewhere + "/" + path
                                    + " answered HTTP 404.");
                    assertThat(e.getMessage())
                            .startsWith(e.problem())
                            .contains("delete the lock file to resolve the packages anew, or take them from a snapshot"
                                    + " archive");
                });
    }

    @Test
    void offlineWithALockFileAndAColdCacheNamesThePackageAndTheCommand() throws IOException {
        Path lockFile = dir.resolve(LockFile.FILE_NAME);
        LockFile.write(lockFile, List.of(new LockFile.Entry("app", "1", "amd64", "c".repeat(64), 10, "pool/app.deb")));

        assertThatThrownBy(() -> packages(List.of(mirror.archive()), true).fetch(List.of("app"), lockFile))
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining("Offline, and app=1/amd64 from " + mirror.archive() + "/pool/app.deb")
                .hasMessageContaining(Fetcher.FETCH_COMMAND);
    }

    @Test
    void twoBuildsFetchingOneBlobAtOnceDownloadItOnce() throws Exception {
        DebCache cache = new DebCache(dir.resolve("cache"));
        byte[] deb = mirror.get("/debian/pool/main/a/app/app_1.0-1_amd64.deb");
        URI url = URI.create(mirror.archive() + "/pool/main/a/app/app_1.0-1_amd64.deb");
        Fetcher one = new Fetcher(cache, false, log);
        Fetcher two = new Fetcher(cache, false, log);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);

        var a = pool.submit(() -> one.fetchBlob(List.of(url), Sha256.of(deb), deb.length, "app"));
        var b = pool.submit(() -> two.fetchBlob(List.of(url), Sha256.of(deb), deb.length, "app"));

        assertThat(a.get()).isEqualTo(b.get());
        assertThat(Files.readAllBytes(a.get())).isEqualTo(deb);
        assertThat(mirror.requests()).filteredOn(r -> r.contains("app_1.0-1")).hasSize(1);
        pool.shutdown();
    }
}
