package dev.stage1kvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.it.Launcher.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many pods in a row: none hangs, each gives its app's status, and afterwards nothing of theirs is left. */
class PodSoakIT {

    static final int PODS = 30;

    @TempDir
    Path runtimeDir;

    @TempDir
    Path apps;

    @Test
    void thirtyPodsInARowEndAndLeaveNoProcessMountPodFolderOrTemporaryFile() throws Exception {
        Launcher launcher = new Launcher(runtimeDir, E2e.dataHome());
        Set<String> tempBefore = stage1KvmTempFiles();
        for (int i = 0; i < PODS; i++) {
            int status = i % 4;
            Path app = AppImages.shell(apps, "soak" + i, "echo pod " + i + "; exit " + status);

            // every other pod lets the launcher probe KVM, which starts a process and writes temporary files itself
            String accel = i % 2 == 0 ? "tcg" : "auto";
            Result result = launcher.run("run", "--accel", accel, "--stage1", stage1(), app.toString());

            assertThat(result.output()).as("pod %d", i).contains("pod " + i);
            assertThat(result.exitCode()).as("pod %d: %s", i, result.output()).isEqualTo(status);
        }
        assertThat(processesUsing(runtimeDir)).isEmpty();
        assertThat(Files.readAllLines(Path.of("/proc/self/mounts")))
                .noneMatch(line -> line.contains(runtimeDir.toString()));
        try (Stream<Path> pods = Files.list(launcher.podsFolder())) {
            assertThat(pods).isEmpty();
        }
        assertThat(stage1KvmTempFiles()).isEqualTo(tempBefore);
        assertThat(storeLeftovers()).as("half-made entries in the image store").isEmpty();
    }

    /** What the image store writes before renaming into place: extractions ({@code .new-}) and id entries. */
    private static List<Path> storeLeftovers() throws IOException {
        try (Stream<Path> files = Files.walk(E2e.dataHome(), 4)) {
            return files.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.contains(".new-") || (name.startsWith(".entry-") && name.endsWith(".tmp"));
                    })
                    .toList();
        }
    }

    /** Command lines of live processes that name the folder (a hypervisor's share paths do). */
    private static List<String> processesUsing(Path folder) {
        return ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(folder.toString()))
                .toList();
    }

    private static Set<String> stage1KvmTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.contains("stage1-kvm"))
                    .collect(Collectors.toSet());
        }
    }

    private static String stage1() {
        return Launcher.stage1Image().toString();
    }
}
