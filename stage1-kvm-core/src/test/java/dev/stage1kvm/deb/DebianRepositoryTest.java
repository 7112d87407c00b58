package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

class DebianRepositoryTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private final TestPgp key = new TestPgp("Test Archive <archive@test>");
    private final RecordingListener log = new RecordingListener();
    private LocalMirror mirror;

    @BeforeEach
    void publishMirror() throws IOException {
        mirror = new LocalMirror();
        mirror.addPackage("app", "1.0-1", "Depends: libfoo (>= 2), mail-transport-agent\nPre-Depends: libc6\n");
        mirror.addPackage("libfoo", "2.1", "Depends: libc6 (>= 2.36)\n");
        mirror.addPackage("libc6", "2.36-9+deb12u1", "");
        mirror.addPackage("exim", "4.96", "Provides: mail-transport-agent\n");
        mirror.addPackage("broken", "1", "Depends: libgone (>= 3)\n");
        mirror.publish("stable", key, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(7, ChronoUnit.DAYS));
    }

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    private String suiteUrl(String file) {
        return mirror.archive() + "/dists/stable/" + file;
    }

    private DebianSources sources(URI archive) {
        return new DebianSources(
                List.of(new DebianSources.Suite(archive, "stable")), List.of("main"), "amd64", null, true);
    }

    private DebianRepository repository(boolean offline) {
        return repository(sources(mirror.archive()), key.keyring(), offline);
    }

    private DebianRepository repository(DebianSources sources, ArchiveKeyring keyring, boolean offline) {
        Fetcher fetcher = new Fetcher(new DebCache(dir.resolve("cache")), offline, log, 3, Duration.ZERO);
        return new DebianRepository(sources, fetcher, log, keyring, Clock.systemUTC());
    }

    private Resolution resolve(DebianRepository repository, String... names) throws IOException {
        return new Resolver(repository.index(), "amd64", log).resolve(List.of(names));
    }

    @Test
    void resolvesFetchesAndVerifiesFromASignedMirror() throws IOException {
        DebianRepository repository = repository(false);

        Resolution resolution = resolve(repository, "app");
        List<Path> debs = repository.fetchAll(resolution.packages());

        assertThat(resolution.packages())
                .extracting(DebPackage::name)
                .containsExactly("app", "exim", "libc6", "libfoo");
        assertThat(debs).hasSize(4).allSatisfy(p -> assertThat(p).startsWith(dir.resolve("cache/blobs/sha256")));
        assertThat(Files.readAllBytes(debs.get(0)))
                .isEqualTo(mirror.get("/debian/pool/main/a/app/app_1.0-1_amd64.deb"));
        assertThat(new DebArchive(debs.get(0))
                        .data(new DebCache(dir.resolve("cache")))
                        .contains("usr/bin/app"))
                .isTrue();
        assertThat(log.lines).contains("INFO Debian index: 5 packages from 1 suites");
        assertThat(mirror.requests()).anyMatch(r -> r.contains("/by-hash/SHA256/"));
    }

    @Test
    void aSecondFetchComesFromTheCache() throws IOException {
        DebianRepository repository = repository(false);
        DebPackage app = repository.index().packages("app").get(0);
        repository.fetch(app);
        int before = mirror.requests().size();

        repository.fetch(app);

        assertThat(mirror.requests()).hasSize(before);
    }

    @Test
    void rejectsAnInReleaseChangedAfterSigning() {
        String url = suiteUrl("InRelease");
        byte[] signed = mirror.get("/debian/dists/stable/InRelease");
        mirror.put(
                "/debian/dists/stable/InRelease",
                new String(signed, StandardCharsets.UTF_8)
                        .replace("Origin: Test", "Origin: Tesx")
                        .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> repository(false).index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("BAD signature on " + url)
                .hasMessageContaining(key.keyId());
    }

    @Test
    void rejectsAnInReleaseSignedByAnUnknownKey() {
        TestPgp other = new TestPgp("Other <other@test>");

        assertThatThrownBy(() -> repository(sources(mirror.archive()), other.keyring(), false)
                        .index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining(suiteUrl("InRelease"))
                .hasMessageContaining("unknown key(s) " + key.keyId());
    }

    @Test
    void aKeyringFileNamedInTheSourcesReplacesDebiansKeys() throws IOException {
        Path keyring = Files.write(dir.resolve("archive.gpg"), key.publicKeyring());
        DebianSources sources = sources(mirror.archive()).withKeyringFile(keyring);
        Fetcher fetcher = new Fetcher(new DebCache(dir.resolve("cache")), false, log, 3, Duration.ZERO);

        assertThat(new DebianRepository(sources, fetcher, log).index().size()).isEqualTo(5);
        assertThatThrownBy(() -> new DebianRepository(sources(mirror.archive()), fetcher, log).index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("Debian's archive keys shipped with stage1-kvm");
    }

    @Test
    void rejectsAPackagesFileWhoseDigestDiffersFromInRelease() {
        String byHashDir = "/debian/dists/stable/main/binary-amd64/";
        byte[] other = mirror.get(byHashDir + "Packages.xz").clone();
        String listed = Sha256.of(other);
        other[other.length / 2] ^= 1;
        mirror.put(byHashDir + "Packages.xz", other);
        mirror.put(byHashDir + "by-hash/SHA256/" + listed, other);

        assertThatThrownBy(() -> repository(false).index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("SHA-256 mismatch for " + suiteUrl("main/binary-amd64/by-hash/SHA256/" + listed))
                .hasMessageContaining("expected " + listed + ", got " + Sha256.of(other));
    }

    @Test
    void rejectsADebWhoseDigestDiffersFromTheIndex() throws IOException {
        DebianRepository repository = repository(false);
        DebPackage libc = repository.index().packages("libc6").get(0);
        byte[] evil = TestDebs.deb("libc6", "2.36-9+deb12u1", TestDebs.usrTree("evil"));
        byte[] padded = java.util.Arrays.copyOf(evil, (int) libc.sizeBytes());
        mirror.put("/debian/" + libc.filename(), padded);

        assertThatThrownBy(() -> repository.fetch(libc))
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("SHA-256 mismatch for " + libc.downloadUri())
                .hasMessageContaining("expected " + libc.sha256() + ", got " + Sha256.of(padded));
        assertThat(new DebCache(dir.resolve("cache")).blob(libc.sha256())).isEmpty();
    }

    @Test
    void aMissingPackageSuggestsCloseNames() throws IOException {
        DebianRepository repository = repository(false);

        assertThatThrownBy(() -> resolve(repository, "libfo"))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining(
                        "Package 'libfo' is not in the configured Debian sources. Did you mean: libfoo, libc6?");
    }

    @Test
    void anUnsatisfiableDependencyNamesTheChain() throws IOException {
        DebianRepository repository = repository(false);

        assertThatThrownBy(() -> resolve(repository, "broken"))
                .isInstanceOf(DebResolutionException.class)
                .hasMessageContaining("Cannot satisfy Depends 'libgone (>= 3)' of broken=1/amd64, needed by broken");
    }

    @Test
    void aDownloadCutShortEveryTimeFailsClearlyAfterThreeTries() throws IOException {
        DebianRepository repository = repository(false);
        DebPackage app = repository.index().packages("app").get(0);
        String path = "/debian/" + app.filename();
        mirror.shorten(path, 100);

        assertThatThrownBy(() -> repository.fetch(app))
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining("Download of " + app.downloadUri() + " was cut off: got 100 of " + app.sizeBytes()
                        + " bytes after 3 tries");
        assertThat(mirror.requests()).filteredOn(r -> r.contains(path)).hasSize(3);
    }

    @Test
    void aDownloadCutOnceResumesWithARangeRequest() throws IOException {
        DebianRepository repository = repository(false);
        DebPackage app = repository.index().packages("app").get(0);
        String path = "/debian/" + app.filename();
        mirror.cutOnce(path, 200);

        Path deb = repository.fetch(app);

        assertThat(Files.readAllBytes(deb)).isEqualTo(mirror.get(path));
        assertThat(mirror.requests())
                .filteredOn(r -> r.contains(path))
                .containsExactly("GET " + path, "GET " + path + " bytes=200-");
    }

    @Test
    void anUnreachableMirrorIsNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI archive = URI.create("http://127.0.0.1:" + closedPort + "/debian");

        assertThatThrownBy(
                        () -> repository(sources(archive), key.keyring(), false).index())
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining("Cannot fetch " + archive + "/dists/stable/InRelease")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void offlineWithAColdCacheNamesTheFetchCommand() {
        assertThatThrownBy(() -> repository(true).index())
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining("Offline, and " + suiteUrl("InRelease") + " is not in the cache")
                .hasMessageContaining("Run " + Fetcher.FETCH_COMMAND);
        assertThat(mirror.requests()).isEmpty();
    }

    @Test
    void offlineWithAWarmCacheNeedsNoMirrorEvenAfterTheReleaseExpired() throws IOException {
        DebianRepository online = repository(false);
        online.fetchAll(resolve(online, "app").packages());
        mirror.close();
        DebianRepository offline = new DebianRepository(
                sources(mirror.archive()),
                new Fetcher(new DebCache(dir.resolve("cache")), true, log, 3, Duration.ZERO),
                log,
                key.keyring(),
                Clock.fixed(NOW.plus(30, ChronoUnit.DAYS), java.time.ZoneOffset.UTC));

        List<Path> debs = offline.fetchAll(resolve(offline, "app").packages());

        assertThat(debs).hasSize(4).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(log.lines).anyMatch(l -> l.startsWith("INFO Offline: using the cached release of stable"));
    }

    @Test
    void anExpiredReleaseFromAMirrorIsRejectedUnlessTheCheckIsOff() throws IOException {
        mirror.publish("stable", key, NOW.minus(10, ChronoUnit.DAYS), NOW.minus(3, ChronoUnit.DAYS));

        assertThatThrownBy(() -> repository(false).index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining(suiteUrl("InRelease") + " expired at");
        assertThat(repository(sources(mirror.archive()).withCheckValidUntil(false), key.keyring(), false)
                        .index()
                        .size())
                .isEqualTo(5);
    }

    @Test
    void aReleaseOlderThanTheOneVerifiedBeforeIsRejected() throws IOException {
        repository(false).index();
        mirror.publish("stable", key, NOW.minus(5, ChronoUnit.DAYS), NOW.plus(2, ChronoUnit.DAYS));

        assertThatThrownBy(() -> repository(false).index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("older than the release dated");
    }

    @Test
    void aReleaseDatedInTheFutureIsRejected() {
        mirror.publish("stable", key, NOW.plus(2, ChronoUnit.DAYS), null);

        assertThatThrownBy(() -> repository(false).index())
                .isInstanceOf(DebVerificationException.class)
                .hasMessageContaining("in the future");
    }
}
