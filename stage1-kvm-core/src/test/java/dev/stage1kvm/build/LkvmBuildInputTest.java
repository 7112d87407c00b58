package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.aci.AciEntry;
import dev.stage1kvm.aci.AciReader;
import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.hypervisor.Hypervisor;
import dev.stage1kvm.kernel.KernelBzImageTest;
import dev.stage1kvm.lkvm.LkvmBuildRequest;
import dev.stage1kvm.lkvm.LkvmBuilder;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.RootfsInput;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.GitFixture;
import dev.stage1kvm.source.GitSource;
import dev.stage1kvm.source.MakeRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lkvm built by a whole image build from a git repository made by the test, whose Makefile's lkvm-static target
 * compiles a small C program with the host's gcc.
 */
class LkvmBuildInputTest {

    private static final String MAIN_C = "#include <stdio.h>\nint main(void) { puts(\"lkvm fixture\"); return 0; }\n";

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void missingLkvmToolsStopTheBuildBeforeAnyInputIsStagedOrFetched() throws Exception {
        String commit = commit(Map.of("Makefile", makefile(), "main.c", MAIN_C));
        List<String> calls = new ArrayList<>();
        Path emptyPath = Files.createDirectories(tmp.resolve("no-tools"));
        BuildEnvironment noTools = new BuildEnvironment(0, "test", "test", emptyPath.toString());

        assertThatThrownBy(() -> new Stage1Builder(listener).build(spec(recording(calls), input(noTools, commit))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.input()).isEqualTo("<lkvmSource>"))
                .hasMessageStartingWith("<lkvmSource>: the lkvm build needs tools this host lacks: gcc (Debian package"
                        + " gcc), make (Debian package make)")
                .hasMessageContaining("apt-get install gcc make");
        assertThat(calls).isEmpty();
        assertThat(tmp.resolve("cache/git")).doesNotExist();
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void theBuildLogIsKeptInTheLogFolderWhenBuiltAndWhenTakenFromTheCache() throws Exception {
        String commit = commit(Map.of("Makefile", makefile(), "main.c", MAIN_C));
        Path kept = tmp.resolve("out/stage1-kvm").resolve(LkvmBuildInput.LOG_FILE);

        new Stage1Builder(listener).build(spec(recording(new ArrayList<>()), input(BuildEnvironment.DEFAULT, commit)));
        String built = Files.readString(kept);
        Files.delete(kept);
        new Stage1Builder(listener).build(spec(recording(new ArrayList<>()), input(BuildEnvironment.DEFAULT, commit)));

        assertThat(built).contains("$ make -j1 V= WERROR=0 lkvm-static", "gcc -static");
        assertThat(kept).content().isEqualTo(built);
        assertThat(listener.lines)
                .filteredOn(line -> line.contains("build log"))
                .containsExactly("INFO lkvm: build log kept as " + kept, "INFO lkvm: build log kept as " + kept);
        assertThat(listener.lines)
                .filteredOn(line -> line.startsWith("INFO lkvm: taken from cache"))
                .hasSize(1);
        assertThat(new AciReader().read(tmp.resolve("out/stage1-kvm.aci")).entries())
                .extracting(AciEntry::name)
                .contains("rootfs/lkvm");
    }

    @Test
    void aFailedCompileKeepsItsLogInTheLogFolderAndTheErrorNamesIt() throws Exception {
        String commit = commit(Map.of("Makefile", makefile(), "main.c", "int main(void) { return undeclared; }\n"));
        Path kept = tmp.resolve("out/stage1-kvm").resolve(LkvmBuildInput.LOG_FILE);
        Stage1Spec spec = spec(recording(new ArrayList<>()), input(BuildEnvironment.DEFAULT, commit));

        assertThatThrownBy(() -> new Stage1Builder(listener).build(spec))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("<lkvmSource>: 'make -j1 V= WERROR=0 lkvm-static' failed with exit code 2")
                .hasMessageContaining("; the full log is " + kept + " (also " + tmp.resolve("cache/work"))
                .hasMessageContaining("error: 'undeclared' undeclared");
        assertThat(kept).content().contains("error: 'undeclared' undeclared");
        assertThat(tmp.resolve("out/stage1-kvm.aci")).doesNotExist();
    }

    private LkvmBuildInput input(BuildEnvironment environment, String commit) {
        MakeRunner make = new MakeRunner(environment, listener, Duration.ofSeconds(30), 1);
        GitSource git = new GitSource(tmp.resolve("cache"), false, listener);
        LkvmBuilder builder = new LkvmBuilder(new BuildCache(tmp.resolve("cache")), git, environment, make, listener);
        LkvmBuildRequest request = new LkvmBuildRequest(tmp.resolve("kvmtool").toString(), commit, List.of());
        return new LkvmBuildInput(builder, git, request, listener, "<lkvmSource>");
    }

    private Stage1Spec spec(RootfsInput common, LkvmBuildInput lkvm) throws Exception {
        Path kernel = Files.write(tmp.resolve("kernel"), KernelBzImageTest.bzImage(new byte[64], 1));
        return new Stage1Spec(
                Stage1Spec.DEFAULT_NAME,
                "1.0",
                "amd64",
                List.of(Hypervisor.LKVM),
                Compression.GZIP,
                tmp.resolve("out"),
                tmp.resolve("out/stage1-kvm"),
                Instant.parse("2026-01-01T00:00:00Z"),
                List.of(common),
                Map.of(Hypervisor.LKVM, List.of(lkvm)),
                new PrebuiltKernelInput(kernel, "<kernel>", true),
                Optional.empty());
    }

    /** A common input that records being staged. */
    private static RootfsInput recording(List<String> calls) {
        return new RootfsInput() {
            @Override
            public String description() {
                return "recording input";
            }

            @Override
            public void addTo(StagedTree tree) {
                calls.add("stage common");
            }
        };
    }

    private String commit(Map<String, String> files) throws Exception {
        try (GitFixture fixture = GitFixture.create(tmp.resolve("kvmtool"))) {
            return fixture.commit("lkvm fixture", files);
        }
    }

    private static String makefile() {
        return "lkvm-static: main.c\n\tgcc -static -O2 -o lkvm-static main.c\n";
    }
}
