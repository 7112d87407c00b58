package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.RecordingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();
    private String url;
    private String first;
    private String second;

    @BeforeEach
    void makeRepository() throws Exception {
        try (GitFixture fixture = GitFixture.create(tmp.resolve("upstream"))) {
            first = fixture.commit("first", Map.of("version.txt", "one\n"));
            second = fixture.commit("second", Map.of("version.txt", "two\n", "src/added.c", "int x;\n"));
            url = fixture.folder().toString();
        }
    }

    @Test
    void checksOutThePinnedCommitNotTheNewest() throws Exception {
        Path work = tmp.resolve("work");

        String id = source(false).checkout(url, first.toUpperCase(), work);

        assertThat(id).isEqualTo(first);
        assertThat(work.resolve("version.txt")).hasContent("one");
        assertThat(work.resolve("src/added.c")).doesNotExist();
        try (Git git = Git.open(work.toFile())) {
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(first);
        }
        assertThat(tmp.resolve("cache/git").resolve(InputDigest.sha256(url)).resolve("objects"))
                .isDirectory();
    }

    @Test
    void secondCheckoutIsServedFromTheCacheEvenOffline() throws Exception {
        source(false).checkout(url, second, tmp.resolve("a"));
        listener.lines.clear();

        source(true).checkout(url, second, tmp.resolve("b"));

        assertThat(tmp.resolve("b/src/added.c")).hasContent("int x;");
        assertThat(listener.lines).noneMatch(line -> line.contains("fetching"));
        assertThat(listener.lines).anyMatch(line -> line.contains("is in the cache"));
    }

    @Test
    void aFetchFillsTheCacheSoThatAnOfflineCheckoutWorks() throws Exception {
        source(false).fetch(url, first);

        source(true).checkout(url, first, tmp.resolve("offline"));

        assertThat(tmp.resolve("offline/version.txt")).hasContent("one");
        assertThat(tmp.resolve("cache/git").resolve(InputDigest.sha256(url) + ".lock"))
                .isRegularFile();
    }

    @Test
    void twoCheckoutsAtOnceFetchOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = List.of(
                    pool.submit(() -> source(false).checkout(url, second, tmp.resolve("a"))),
                    pool.submit(() -> source(false).checkout(url, second, tmp.resolve("b"))));
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(second);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(tmp.resolve("a/version.txt")).hasContent("two");
        assertThat(tmp.resolve("b/version.txt")).hasContent("two");
        assertThat(listener.lines).filteredOn(line -> line.contains("fetching")).hasSize(1);
    }

    @Test
    void fileUrlIsTakenLikeAPath() throws Exception {
        String fileUrl = tmp.resolve("upstream").toUri().toString();

        source(false).checkout(fileUrl, second, tmp.resolve("work"));

        assertThat(fileUrl).startsWith("file:");
        assertThat(tmp.resolve("work/version.txt")).hasContent("two");
    }

    @Test
    void malformedCommitIdIsRefusedNamingIt() {
        assertThatThrownBy(() -> source(false).checkout(url, "cfae4d6", tmp.resolve("work")))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("commit id 'cfae4d6' for " + url + " is not a full commit id (40 hex digits)");
        assertThat(tmp.resolve("work")).doesNotExist();
    }

    @Test
    void commitMissingFromTheRepositoryIsNamedWithTheUrl() {
        String absent = "cfae4d64482ed745214e3c62dd84b79c2ae0f325";

        assertThatThrownBy(() -> source(false).checkout(url, absent, tmp.resolve("work")))
                .isInstanceOfSatisfying(GitSourceException.class, e -> {
                    assertThat(e.url()).isEqualTo(url);
                    assertThat(e.commitId()).isEqualTo(absent);
                })
                .hasMessageContaining("commit " + absent + " is not in " + url);
    }

    @Test
    void offlineWithoutTheCommitNamesTheRemedy() {
        assertThatThrownBy(() -> source(true).checkout(url, first, tmp.resolve("work")))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("offline mode forbids fetching it; build once online (without -o)");
    }

    @Test
    void unreachableUrlIsNamed() {
        String missing = tmp.resolve("no-such-repository").toString();

        assertThatThrownBy(() -> source(false).checkout(missing, first, tmp.resolve("work")))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("cannot fetch " + missing);
    }

    private GitSource source(boolean offline) {
        return new GitSource(tmp.resolve("cache"), offline, listener);
    }
}
