package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** inspect, gc, version and help. */
class CommandsTest {

    @TempDir
    Path temp;

    Harness launcher;

    @BeforeEach
    void harness() throws Exception {
        launcher = new Harness(temp);
    }

    @Test
    void inspectShowsManifestSizesKernelAndHypervisor() throws Exception {
        Path stage1 = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);

        assertThat(launcher.run("inspect", stage1.toString())).as(launcher.err).isZero();

        assertThat(launcher.out)
                .containsPattern("image ID +sha512-[0-9a-f]{128}\n")
                .containsPattern("name +coreos.com/rkt/stage1-kvm\n")
                .containsPattern("label arch +amd64\n")
                .containsPattern("kernel version +6.1.0-test\n")
                .containsPattern("hypervisor +qemu at /qemu\n")
                .containsPattern("kernel +/kernel_image, 8 bytes\n")
                .containsPattern("contents +\\d+ entries, 5 files, \\d+ bytes uncompressed\n")
                .containsPattern("store +not extracted yet\n")
                .doesNotContain("problem");
    }

    @Test
    void inspectListsEveryProblemThenFails() throws Exception {
        java.util.Map<String, String> annotations = FakeImages.qemuAnnotations();
        annotations.remove("stage1-kvm.dev/firmware-dir");
        Path stage1 = FakeImages.qemuStage1(temp.resolve("stage1.aci"), annotations, false);

        assertThat(launcher.run("inspect", stage1.toString())).isEqualTo(125);

        assertThat(launcher.out)
                .contains("problem          the kernel /kernel_image is missing or not a regular file")
                .contains("problem          annotation stage1-kvm.dev/firmware-dir is missing");
        assertThat(launcher.errLines())
                .containsExactly(
                        "stage1-kvm: stage1 image " + stage1 + " cannot start pods:" + " 3 problems, listed above");
    }

    @Test
    void gcRemovesPodsWhoseLauncherIsGoneAndKeepsLiveOnes() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectories(launcher.podsRoot().resolve("dead-pod/apps/x/rootfs/ro"));
        Files.writeString(launcher.podsRoot().resolve("dead-pod/pid"), finished.pid() + "\n");
        Files.setPosixFilePermissions(dead, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
        Path live = Files.createDirectories(launcher.podsRoot().resolve("live-pod"));
        Files.writeString(live.resolve("pid"), ProcessHandle.current().pid() + "\n");
        Path fresh = Files.createDirectories(launcher.podsRoot().resolve("being-made"));
        Path abandoned = Files.createDirectories(launcher.podsRoot().resolve("abandoned"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minusSeconds(3600)));

        assertThat(launcher.run("gc")).isZero();

        assertThat(launcher.podsRoot().resolve("dead-pod")).doesNotExist();
        assertThat(abandoned).doesNotExist();
        assertThat(live).exists();
        assertThat(fresh).exists();
        assertThat(launcher.out)
                .contains("removed pod dead-pod (launcher " + finished.pid() + " is gone)")
                .contains("removed pod abandoned (no pid file)")
                .contains("2 pods removed, 2 in use, under " + launcher.podsRoot());
    }

    @Test
    void gcTreatsAPidReusedByALaterProcessAsGone() throws Exception {
        Path pod = Files.createDirectories(launcher.podsRoot().resolve("old-pod"));
        Files.writeString(pod.resolve("pid"), "1\n");
        Files.setLastModifiedTime(pod.resolve("pid"), FileTime.from(Instant.parse("1990-01-01T00:00:00Z")));

        launcher.run("gc");

        assertThat(launcher.out).contains("removed pod old-pod (launcher 1 is gone; a newer process has its number)");
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertThat(launcher.run("version")).isZero();
        assertThat(launcher.out).startsWith("stage1-kvm 0.1.0-SNAPSHOT (Java ");
        assertThat(launcher.run("--version")).isZero();
        assertThat(launcher.out).startsWith("stage1-kvm 0.1.0-SNAPSHOT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "gc", "version"})
    void everyCommandHasHelp(String command) {
        assertThat(launcher.run(command, "--help")).isZero();
        assertThat(launcher.out).startsWith("Usage: stage1-kvm " + command);
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        assertThat(launcher.run()).isEqualTo(125);
        assertThat(launcher.err).contains("Usage: stage1-kvm", "run", "inspect", "gc", "version");
    }
}
