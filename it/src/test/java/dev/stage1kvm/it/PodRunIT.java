package dev.stage1kvm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stage1kvm.it.Launcher.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods booted for real: the stage1 image's kernel, systemd and QEMU (TCG where KVM does not work), apps made of
 * busybox. Each test reads what the app printed and the launcher's exit code, and checks the pod left nothing.
 */
class PodRunIT {

    @TempDir
    static Path runtimeDir;

    @TempDir
    static Path apps;

    private static Launcher launcher;

    @BeforeAll
    static void launcher() {
        launcher = new Launcher(runtimeDir, E2e.dataHome());
    }

    @Test
    void appPrintsALineAndThePodExitsZero() throws Exception {
        Path app = AppImages.shell(apps, "hello", "echo hello from the pod");

        Result result = launcher.run("run", "--stage1", stage1(), app.toString());

        assertThat(result.output()).contains("hello from the pod").doesNotContain("unable to open an initial console");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertNoPodLeft();
    }

    @Test
    void theAppsExitStatusIsTheLaunchersExitCode() throws Exception {
        Path app = AppImages.shell(apps, "answer", "exit 42");

        Result result = launcher.run("run", "--stage1", stage1(), app.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(42);
        assertNoPodLeft();
    }

    @Test
    void anAppKilledByASignalExitsWith128PlusTheSignal() throws Exception {
        // 137 does not fit QEMU's exit code (2 × 137 + 1 > 255): the status file gives the full value
        Path app = AppImages.shell(apps, "killed", "kill -KILL $$");

        Result result = launcher.run("run", "--stage1", stage1(), app.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(128 + 9);
    }

    @Test
    void aMemoryLimitAddsToTheVmsMemory() throws Exception {
        String printMemory = "grep MemTotal /proc/meminfo";
        Path unlimited = AppImages.shell(apps, "unlimited", printMemory);
        Path limited = AppImages.shell(apps, "limited", printMemory, List.of(AppImages.memoryLimit("512M")));

        long small = memTotalKib(launcher.run("run", "--stage1", stage1(), unlimited.toString()));
        long large = memTotalKib(launcher.run("run", "--stage1", stage1(), limited.toString()));

        // 128 MiB for the app without a limit + 128 MiB for the system; 512 MiB + 128 MiB with the limit. The kernel
        // keeps some of each for itself, so MemTotal is a little below.
        assertThat(small).isBetween(200L * 1024, 256L * 1024);
        assertThat(large).isBetween(580L * 1024, 640L * 1024);
    }

    /** The isolators cap the app's own cgroup too, not only the VM's size: apps in one pod cannot take each other's. */
    @Test
    void anAppsLimitsCapItsCgroupInTheGuest() throws Exception {
        String printLimits = "cgroup=/sys/fs/cgroup$(cut -d: -f3 /proc/self/cgroup);"
                + " echo memory.max=$(cat $cgroup/memory.max) cpu.max=$(cat $cgroup/cpu.max)";
        Path capped = AppImages.shell(
                apps, "capped", printLimits, List.of(AppImages.memoryLimit("256Mi"), AppImages.cpuLimit("500m")));

        Result result = launcher.run("run", "--stage1", stage1(), capped.toString());

        assertThat(result.output()).contains("memory.max=268435456 cpu.max=50000 100000");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void twoAppsRunInOnePodAndTheLastToEndGivesTheStatus() throws Exception {
        Path first = AppImages.shell(apps, "first", "echo first app here");
        Path second = AppImages.shell(apps, "second", "sleep 2; echo second app here; exit 7");

        Result result = launcher.run("run", "--stage1", stage1(), first.toString(), second.toString());

        assertThat(result.output()).contains("first app here").contains("second app here");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(7);
    }

    @Test
    void debugShowsTheHypervisorArgvAndTheKernelsAndSystemdsMessages() throws Exception {
        Path app = AppImages.shell(apps, "quiet", "true");

        Result result = launcher.run("run", "--debug", "--stage1", stage1(), app.toString());

        assertThat(result.output())
                .contains("stage1-kvm: hypervisor: ")
                .contains("Run /usr/lib/stage1-kvm/init as init process")
                .contains("systemd[1]: ");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void withoutDebugTheConsoleShowsTheAppAlone() throws Exception {
        Path app = AppImages.shell(apps, "alone", "echo only this");

        Result result = launcher.run("run", "--accel", "tcg", "--stage1", stage1(), app.toString());

        assertThat(result.output())
                .contains("only this")
                .doesNotContain("systemd[1]")
                .doesNotContain("Linux version");
    }

    @Test
    void aHypervisorThatDiesDuringTheRunIsALauncherErrorAndLeavesNothing() throws Exception {
        Path app = AppImages.shell(apps, "sleeper", "sleep 600");
        Process process = launcher.start(List.of("run", "--debug", "--stage1", stage1(), app.toString()));
        StringBuilder seen = new StringBuilder();
        long pid = hypervisorPid(process, seen);

        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Result result = Launcher.finish(process, seen);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(125);
        assertThat(result.output()).contains("before any app recorded an exit status");
        assertNoPodLeft();
    }

    @Test
    void sigtermStopsTheVmRemovesThePodAndExitsWith143() throws Exception {
        Path app = AppImages.shell(apps, "waiting", "sleep 600");
        Process process = launcher.start(List.of("run", "--debug", "--stage1", stage1(), app.toString()));
        StringBuilder seen = new StringBuilder();
        long pid = hypervisorPid(process, seen);

        process.destroy(); // SIGTERM
        Result result = Launcher.finish(process, seen);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(143);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertNoPodLeft();
    }

    @Test
    void aPodFolderOnAFullDiskIsALauncherErrorAndLeavesNothing(@TempDir Path mountPoint) throws Exception {
        Result result = refusedOnTmpfs(mountPoint, "size=256k", false, "big");

        assertThat(result.output()).contains("No space left on device").contains("XDG_RUNTIME_DIR");
    }

    @Test
    void aPodFolderOnAReadOnlyDiskIsALauncherErrorAndLeavesNothing(@TempDir Path mountPoint) throws Exception {
        Result result = refusedOnTmpfs(mountPoint, "size=1m", true, "readonly");

        assertThat(result.output())
                .contains("cannot make a pod folder under " + mountPoint.resolve("stage1-kvm/pods"))
                .contains("Read-only file system")
                .contains("XDG_RUNTIME_DIR");
    }

    /** Room for the pods folder and one pod folder, none for the pid file: the half-made pod folder must go. */
    @Test
    void aDiskThatFillsWhileThePodFolderIsMadeLeavesNoHalfMadeFolder(@TempDir Path mountPoint) throws Exception {
        // inodes: the mount's root, stage1-kvm, stage1-kvm/pods, and the pod folder
        Result result = refusedOnTmpfs(mountPoint, "size=1m,nr_inodes=4", false, "inodes");

        assertThat(result.output())
                .contains("cannot make a pod folder under " + mountPoint.resolve("stage1-kvm/pods"))
                .contains("No space left on device");
    }

    /**
     * Runs a pod whose pods folder is on a tmpfs of its own (made read-only after the folder, if asked), and checks
     * that the launcher failed with 125 and left no pod folder there.
     */
    private static Result refusedOnTmpfs(Path mountPoint, String mountOptions, boolean readOnly, String appName)
            throws Exception {
        assumeTrue(isRoot(), "mounting a tmpfs needs root (CI runs as root)");
        run("mount", "-t", "tmpfs", "-o", mountOptions, "tmpfs", mountPoint.toString());
        try {
            Launcher onTmpfs = new Launcher(mountPoint, E2e.dataHome());
            Files.createDirectories(onTmpfs.podsFolder());
            if (readOnly) {
                run("mount", "-o", "remount,ro", mountPoint.toString());
            }
            Path app = AppImages.shell(apps, appName, "true");

            Result result = onTmpfs.run("run", "--stage1", stage1(), app.toString());

            assertThat(result.exitCode()).as(result.output()).isEqualTo(125);
            try (Stream<Path> pods = Files.list(onTmpfs.podsFolder())) {
                assertThat(pods).isEmpty();
            }
            return result;
        } finally {
            run("umount", mountPoint.toString());
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    /** Reads the launcher's output up to its "hypervisor started, pid N" line. */
    private static long hypervisorPid(Process process, StringBuilder seen) throws IOException {
        Pattern started = Pattern.compile("hypervisor started, pid (\\d+)");
        var reader = process.inputReader(StandardCharsets.UTF_8);
        for (String line; (line = reader.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher matcher = started.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("the launcher ended without starting a hypervisor:\n" + seen);
    }

    private static long memTotalKib(Result result) {
        Matcher matcher = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(result.output());
        assertThat(matcher.find()).as(result.output()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static void assertNoPodLeft() throws IOException {
        if (Files.isDirectory(launcher.podsFolder())) {
            try (Stream<Path> pods = Files.list(launcher.podsFolder())) {
                assertThat(pods).isEmpty();
            }
        }
    }

    private static String stage1() {
        return Launcher.stage1Image().toString();
    }
}
