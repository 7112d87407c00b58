package dev.stage1kvm.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs check out the same commit through one cache at the same time, as two builds of one user would. */
class GitSourceProcessTest {

    @TempDir
    Path tmp;

    @Test
    void twoProcessesShareTheCacheAndFetchOnce() throws Exception {
        String commit;
        try (GitFixture fixture = GitFixture.create(tmp.resolve("upstream"))) {
            commit = fixture.commit("only", Map.of("a.txt", "a\n"));
        }

        List<Process> processes = new ArrayList<>();
        for (String target : List.of("one", "two")) {
            processes.add(start(tmp.resolve("upstream").toString(), commit, tmp.resolve(target)));
        }
        List<String> lines = new ArrayList<>();
        for (Process process : processes) {
            lines.addAll(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList());
            assertThat(process.waitFor())
                    .as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
        }

        assertThat(tmp.resolve("one/a.txt")).hasContent("a");
        assertThat(tmp.resolve("two/a.txt")).hasContent("a");
        assertThat(lines).filteredOn(line -> line.contains("fetching")).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("is in the cache")).hasSize(1);
    }

    private Process start(String url, String commit, Path target) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CheckoutInAnotherProcess.class.getName(),
                        tmp.resolve("cache").toString(),
                        url,
                        commit,
                        target.toString())
                .start();
    }
}
