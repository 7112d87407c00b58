package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.RecordingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeRunnerTest {

    @TempDir
    Path tree;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void progressNamesTheLastKbuildStepAndTheLogKeepsEverything() throws Exception {
        makefile("all:\n\t@echo '  CC      init/main.o'\n\t@sleep 1.5\n\t@echo '  LD      vmlinux'\n\t@echo done\n");
        Path log = tree.resolve("logs/build.log");

        runner(Duration.ofMillis(300), 3).run(tree, List.of("all"), log);

        assertThat(listener.lines).anyMatch(l -> l.matches("INFO make -j3 all: \\d+s so far, at CC init/main\\.o"));
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
                .containsExactly("$ make -j3 all", "  CC      init/main.o", "  LD      vmlinux", "done");
    }

    @Test
    void makeSeesOnlyTheFixedEnvironment() throws Exception {
        makefile("all:\n\t@env | sort > env.txt\n");

        runner(Duration.ofSeconds(30), 1).run(tree, List.of("all"), tree.resolve("log"));

        List<String> env = Files.readAllLines(tree.resolve("env.txt"), StandardCharsets.UTF_8);
        assertThat(env)
                .contains(
                        "KBUILD_BUILD_TIMESTAMP=Thu Jan 1 00:00:00 UTC 2026",
                        "KBUILD_BUILD_USER=stage1-kvm",
                        "KBUILD_BUILD_HOST=stage1-kvm",
                        "SOURCE_DATE_EPOCH=1767225600",
                        "LC_ALL=C",
                        "TZ=UTC",
                        "PATH=" + BuildEnvironment.MINIMAL_PATH);
        assertThat(env).noneMatch(line -> line.startsWith("HOME=") || line.startsWith("JAVA_HOME="));
    }

    @Test
    void failurePointsAtTheLogAndQuotesItsEnd() throws Exception {
        makefile("all:\n\t@for i in $$(seq 1 40); do echo line $$i; done\n"
                + "\t@echo 'main.c:3: error: oops' >&2\n\t@false\n");
        Path log = tree.resolve("build.log");

        assertThatThrownBy(() -> runner(Duration.ofSeconds(30), 1).run(tree, List.of("all"), log))
                .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.logFile()).isEqualTo(log);
                    assertThat(e.lastLines()).hasSize(MakeRunner.FAILURE_TAIL_LINES);
                    assertThat(e.lastLines()).contains("line 40", "main.c:3: error: oops");
                })
                .hasMessageContaining("'make -j1 all' failed with exit code 2")
                .hasMessageContaining("the full log is " + log);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("line 1\n", "main.c:3: error: oops");
    }

    @Test
    void durationsReadAsMinutesAndSeconds() {
        assertThat(MakeRunner.formatDuration(Duration.ofSeconds(59).toNanos())).isEqualTo("59s");
        assertThat(MakeRunner.formatDuration(Duration.ofSeconds(1313).toNanos()))
                .isEqualTo("21m53s");
    }

    private MakeRunner runner(Duration interval, int jobs) {
        return new MakeRunner(BuildEnvironment.DEFAULT, listener, interval, jobs);
    }

    private void makefile(String text) throws IOException {
        Files.writeString(tree.resolve("Makefile"), text, StandardCharsets.UTF_8);
    }
}
