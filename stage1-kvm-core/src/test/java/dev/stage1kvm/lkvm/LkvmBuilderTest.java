package dev.stage1kvm.lkvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.elf.ElfFile;
import dev.stage1kvm.elf.ElfReader;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.GitFixture;
import dev.stage1kvm.source.GitSource;
import dev.stage1kvm.source.GitSourceException;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.MissingBuildToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives LkvmBuilder through a git repository made by the test: its Makefile's lkvm-static target compiles a small C
 * program with the host's gcc, statically unless a test asks otherwise, and counts the compiles.
 */
class LkvmBuilderTest {

    private static final String MAIN_C = "#include <stdio.h>\nint main(void) { puts(\"lkvm fixture\"); return 0; }\n";

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void buildsAStaticX8664BinaryThatLandsAtSlashLkvm() throws Exception {
        String commit = commit("static", makefile("-static"));

        LkvmBuildResult result = builder(false).build(request(commit));

        ElfFile elf = ElfReader.read(result.binary());
        assertThat(elf.isStatic()).isTrue();
        assertThat(elf.machine()).isEqualTo(ElfFile.MACHINE_X86_64);
        assertThat(elf.interpreter()).isEmpty();
        assertThat(result.commitId()).isEqualTo(commit);
        assertThat(result.log()).content().contains("$ make -j1 V= WERROR=0 lkvm-static", "gcc -static");
        assertThat(result.binary().resolveSibling(LkvmBuilder.INPUTS_FILE))
                .content()
                .contains("commit = " + commit, "recipe = " + LkvmBuilder.RECIPE, "tool gcc = gcc");
        StagedTree tree = new StagedTree();
        LkvmInput.built(result).addTo(tree);
        assertThat(tree.get("/lkvm")).isInstanceOfSatisfying(StagedEntry.RegularFile.class, file -> {
            assertThat(file.content()).isEqualTo(new StagedEntry.HostFile(result.binary()));
            assertThat(file.mode()).isEqualTo(0755);
        });
        assertThat(tmp.resolve("cache/work")).isEmptyDirectory();
    }

    @Test
    void secondBuildWithNothingChangedCompilesAndFetchesNothing() throws Exception {
        String commit = commit("static", makefile("-static"));

        LkvmBuildResult first = builder(false).build(request(commit));
        listener.lines.clear();
        LkvmBuildResult second = builder(true).build(request(commit));

        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(builder(true).cached(request(commit))).contains(second);
        assertThat(builder(true).cached(request("0".repeat(40)))).isEmpty();
        assertThat(second.binary()).isEqualTo(first.binary());
        assertThat(compileCount()).isEqualTo(1);
        assertThat(listener.lines)
                .filteredOn(line -> !line.startsWith("DEBUG "))
                .containsExactly("INFO lkvm: taken from cache " + first.binary().getParent() + " (kvmtool " + commit
                        + ", inputs " + first.inputDigest() + ")");
    }

    @Test
    void buildsThePinnedCommitNotTheNewest() throws Exception {
        String pinned = commit("static", makefile("-static"));
        commit("broken later", Map.of("main.c", "this is not C\n"));

        LkvmBuildResult result = builder(false).build(request(pinned));

        assertThat(ElfReader.read(result.binary()).isStatic()).isTrue();
    }

    @Test
    void patchChangesTheDigestAndIsApplied() throws Exception {
        String commit = commit("static", makefile("-static"));
        Path patch = tmp.resolve("rename.patch");
        Files.writeString(
                patch,
                "--- a/main.c\n+++ b/main.c\n@@ -1,2 +1,2 @@\n #include <stdio.h>\n"
                        + "-int main(void) { puts(\"lkvm fixture\"); return 0; }\n"
                        + "+int main(void) { puts(\"patched fixture\"); return 0; }\n");

        LkvmBuildResult plain = builder(false).build(request(commit));
        LkvmBuildResult patched = builder(false).build(new LkvmBuildRequest(url(), commit, List.of(patch)));

        assertThat(patched.inputDigest()).isNotEqualTo(plain.inputDigest());
        assertThat(new String(Files.readAllBytes(patched.binary()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("patched fixture");
        assertThat(compileCount()).isEqualTo(2);
    }

    @Test
    void missingToolsAreNamedWithTheirPackagesBeforeAnyFetch() throws Exception {
        String commit = commit("static", makefile("-static"));
        Path emptyBin = Files.createDirectory(tmp.resolve("empty-bin"));
        BuildEnvironment noTools = new BuildEnvironment(
                BuildEnvironment.DEFAULT_SOURCE_DATE_EPOCH, "stage1-kvm", "stage1-kvm", emptyBin.toString());
        MakeRunner make = new MakeRunner(noTools, listener, Duration.ofSeconds(30), 1);
        GitSource git = new GitSource(tmp.resolve("cache"), false, listener);
        LkvmBuilder builder = new LkvmBuilder(new BuildCache(tmp.resolve("cache")), git, noTools, make, listener);

        assertThatThrownBy(() -> builder.build(request(commit)))
                .isInstanceOf(MissingBuildToolException.class)
                .hasMessageContaining("the lkvm build needs tools this host lacks: gcc (Debian package gcc),"
                        + " make (Debian package make)")
                .hasMessageContaining("apt-get install gcc make");
        assertThat(tmp.resolve("cache/git")).doesNotExist();
    }

    @Test
    void malformedCommitIdFailsBeforeAnyWork() throws Exception {
        commit("static", makefile("-static"));

        assertThatThrownBy(() -> builder(false).build(request("not-a-commit")))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("commit id 'not-a-commit' for " + url() + " is not a full commit id");
        assertThat(tmp.resolve("cache/work")).doesNotExist();
    }

    @Test
    void commitNotInTheRepositoryIsNamedWithItsUrl() throws Exception {
        commit("static", makefile("-static"));
        String absent = LkvmBuildRequest.RKT_COMMIT_ID;

        assertThatThrownBy(() -> builder(false).build(request(absent)))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("commit " + absent + " is not in " + url());
        assertThat(compileCount()).isZero();
        assertThat(tmp.resolve("cache/work")).isEmptyDirectory();
    }

    @Test
    void dynamicallyLinkedResultIsRefused() throws Exception {
        String commit = commit("dynamic", makefile(""));

        assertThatThrownBy(() -> builder(false).build(request(commit)))
                .isInstanceOf(LkvmBinaryException.class)
                .hasMessageContaining("is dynamically linked (interpreter /lib64/ld-linux-x86-64.so.2)")
                .hasMessageContaining("link it statically");
        assertThat(tmp.resolve("cache/lkvm")).doesNotExist();
    }

    @Test
    void compileErrorPointsAtTheKeptLog() throws Exception {
        Map<String, String> files = new java.util.HashMap<>(makefile("-static"));
        files.put("main.c", "int main(void) { return undeclared_thing; }\n");
        String commit = commit("broken", files);

        assertThatThrownBy(() -> builder(false).build(request(commit)))
                .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                    assertThat(e.logFile()).exists().content().contains("undeclared_thing");
                    assertThat(e.lastLines()).anyMatch(line -> line.contains("error: 'undeclared_thing' undeclared"));
                    assertThat(e.getMessage()).contains("the full log is " + e.logFile());
                })
                .hasMessageContaining("make -j1 V= WERROR=0 lkvm-static");
        assertThat(tmp.resolve("cache/lkvm")).doesNotExist();
    }

    private LkvmBuilder builder(boolean offline) {
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        MakeRunner make = new MakeRunner(environment, listener, Duration.ofSeconds(30), 1);
        GitSource git = new GitSource(tmp.resolve("cache"), offline, listener);
        return new LkvmBuilder(new BuildCache(tmp.resolve("cache")), git, environment, make, listener);
    }

    private LkvmBuildRequest request(String commit) {
        return new LkvmBuildRequest(url(), commit, List.of());
    }

    private String url() {
        return tmp.resolve("kvmtool").toString();
    }

    private String commit(String message, Map<String, String> files) throws Exception {
        try (GitFixture fixture = GitFixture.create(tmp.resolve("kvmtool"))) {
            return fixture.commit(message, files);
        }
    }

    /** A Makefile whose lkvm-static target links main.c with the given gcc flag and records each compile. */
    private Map<String, String> makefile(String linkFlag) {
        String makefile = "lkvm-static: main.c\n"
                + "\tgcc " + linkFlag + " -O2 -o lkvm-static main.c\n"
                + "\techo compiled >> " + tmp.resolve("compiles") + "\n";
        return Map.of("Makefile", makefile, "main.c", MAIN_C);
    }

    private long compileCount() throws IOException {
        Path counter = tmp.resolve("compiles");
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }
}
