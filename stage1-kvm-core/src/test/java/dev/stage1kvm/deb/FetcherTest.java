package dev.stage1kvm.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {

    private static final byte[] CONTENT = "some package bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final RecordingListener log = new RecordingListener();
    private LocalMirror mirror;
    private DebCache cache;
    private Fetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        mirror = new LocalMirror();
        mirror.put("/debian/pool/a.deb", CONTENT);
        cache = new DebCache(dir.resolve("cache"));
        fetcher = new Fetcher(cache, false, log, 3, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    private URI url(String path) {
        return URI.create(mirror.archive() + path);
    }

    @Test
    void storesABlobUnderItsDigest() throws IOException {
        String sha = Sha256.of(CONTENT);

        Path blob = fetcher.fetchBlob(List.of(url("/pool/a.deb")), sha, CONTENT.length, "a");

        assertThat(blob).isEqualTo(dir.resolve("cache/blobs/sha256/" + sha.substring(0, 2) + "/" + sha));
        assertThat(Files.readAllBytes(blob)).isEqualTo(CONTENT);
        assertThat(Files.list(dir.resolve("cache/tmp"))).isEmpty();
    }

    @Test
    void aDamagedCachedBlobIsFetchedAgain() throws IOException {
        String sha = Sha256.of(CONTENT);
        Path blob = fetcher.fetchBlob(List.of(url("/pool/a.deb")), sha, CONTENT.length, "a");
        Files.writeString(blob, "bit rot");

        fetcher.fetchBlob(List.of(url("/pool/a.deb")), sha, CONTENT.length, "a");

        assertThat(Files.readAllBytes(blob)).isEqualTo(CONTENT);
        assertThat(log.lines).anyMatch(l -> l.startsWith("WARN cache file " + blob + " is damaged"));
    }

    @Test
    void aFileMissingFromEveryMirrorIsNamed() {
        String sha = Sha256.of(CONTENT);

        assertThatThrownBy(() -> fetcher.fetchBlob(List.of(url("/pool/gone.deb")), sha, 1, "gone=1/amd64"))
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining(
                        "gone=1/amd64 is not on the mirror: " + url("/pool/gone.deb") + " answered HTTP 404");
        assertThat(mirror.requests()).containsExactly("GET /debian/pool/gone.deb");
    }

    @Test
    void refusesAnOversizedReleaseFile() {
        mirror.put("/debian/huge", new byte[Fetcher.MAX_SMALL_FILE_BYTES + 1]);

        assertThatThrownBy(() -> fetcher.fetchBytes(url("/huge")))
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining(url("/huge") + " is larger than " + Fetcher.MAX_SMALL_FILE_BYTES + " bytes");
    }

    @Test
    void anUnknownSuiteAnswers404WithoutRetrying() {
        assertThatThrownBy(() -> fetcher.fetchBytes(url("/dists/nosuch/InRelease")))
                .isInstanceOf(DebFetchException.class)
                .hasMessageContaining("answered HTTP 404. Check the mirror URL and suite name.");
        assertThat(mirror.requests()).hasSize(1);
    }
}
