package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pod runs through the fake hypervisor script: exit statuses, cleanup, the store, --keep and --debug. */
class RunTest {

    @TempDir
    Path temp;

    Harness launcher;
    Path stage1;

    @BeforeEach
    void images() throws Exception {
        launcher = new Harness(temp);
        stage1 = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);
    }

    @Test
    void exitsWithTheStatusQemuCarriesAndLeavesNoPodFolder() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 7\nexit 15\n");

        int code = launcher.run("run", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());

        assertThat(code).as(launcher.err).isEqualTo(7);
        assertThat(launcher.err).isEmpty();
        assertThat(launcher.pods()).isEmpty();
    }

    @Test
    void anOddHypervisorExitCodeWithoutAStatusFileIsNoAppStatus() throws Exception {
        // a QEMU killed by SIGKILL looks like exit code 137 to Java, which isa-debug-exit would give for status 68
        Path app = FakeImages.app(temp.resolve("web.aci"), "exit 137\n");

        int code = launcher.run("run", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());

        assertThat(code).isEqualTo(125);
        assertThat(launcher.err)
                .contains("exit code 137, perhaps killed by signal 9")
                .contains("Ctrl-a x");
        assertThat(launcher.pods()).isEmpty();
    }

    @Test
    void readsTheStatusFileWhenTheHypervisorsExitCodeCarriesNone() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 3\nexit 0\n");

        assertThat(launcher.run("run", "--stage1", stage1.toString(), app.toString()))
                .isEqualTo(3);
        assertThat(launcher.err)
                .as("one warning that KVM is not usable")
                .startsWith("stage1-kvm: warning: KVM is not" + " usable (there is no /dev/kvm)");
        assertThat(launcher.pods()).isEmpty();
    }

    @Test
    void lkvmImageExitsWithTheStatusFile() throws Exception {
        Path lkvm = FakeImages.lkvmStage1(temp.resolve("lkvm.aci"));
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 42\nexit 0\n");
        Files.createDirectories(launcher.hostRoot.resolve("dev"));
        Files.writeString(launcher.hostRoot.resolve("dev/kvm"), "");
        Files.createDirectories(launcher.hostRoot.resolve("sys/module/kvm_intel"));

        assertThat(launcher.run("run", "--stage1", lkvm.toString(), app.toString()))
                .as(launcher.err)
                .isEqualTo(42);
        assertThat(launcher.pods()).isEmpty();
    }

    @Test
    void vmThatEndsWithoutAStatusIsALauncherError() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "exit 0\n");

        assertThat(launcher.run("run", "--stage1", stage1.toString(), "--accel", "tcg", app.toString()))
                .isEqualTo(125);
        assertThat(launcher.errLines())
                .containsExactly("stage1-kvm: the VM ended (qemu exit code 0) before any app recorded an exit"
                        + " status: the pod was stopped with Ctrl-a x, or the hypervisor or guest failed; run with"
                        + " --debug to see the guest's messages");
        assertThat(launcher.pods()).isEmpty();
    }

    @Test
    void keepLeavesThePodFolderWithUnitsAppsAndStatus() throws Exception {
        Path app = FakeImages.app(temp.resolve("Web Server.aci"), "status 0\nexit 1\n");

        assertThat(launcher.run("run", "--keep", "--stage1", stage1.toString(), "--accel", "tcg", app.toString()))
                .isZero();

        assertThat(launcher.pods()).hasSize(1);
        Path pod = launcher.pods().get(0);
        assertThat(launcher.err).contains("pod folder kept at " + pod);
        assertThat(pod.resolve("pid"))
                .hasContent(Long.toString(ProcessHandle.current().pid()));
        assertThat(pod.resolve("apps/web-server/rootfs/bin/app")).exists();
        assertThat(pod.resolve("rkt/status/web-server")).hasContent("0");
        assertThat(pod.resolve("units/app-web-server.service"))
                .content()
                .contains("ExecStart=\"/bin/app\" \"--serve\"", "RootDirectory=/opt/stage2/web-server/rootfs");
        assertThat(pod.resolve("units/stage1-apps.target")).exists();
    }

    @Test
    void debugShowsTheSizingAndTheArgvAndFlagsOverrideTheImagesLimits() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 0\nexit 1\n");

        int code = launcher.run(
                "run",
                "--debug",
                "--memory",
                "1Gi",
                "--cpu",
                "1500m",
                "--stage1",
                stage1.toString(),
                "--accel",
                "tcg",
                app.toString(),
                "--",
                "/bin/app",
                "--once");

        assertThat(code).as(launcher.err).isZero();
        assertThat(launcher.err)
                .contains("memory 1152 MiB = web 1024 + system 128; vCPUs 2 = min(limits 2, host 2, NR_CPUS 16)")
                .contains("accel TCG (--accel tcg)")
                .contains(" -accel tcg ")
                .contains(" -m 1152M ")
                .contains("QEMU_MODULE_DIR=" + launcher.imagesRoot());
    }

    @Test
    void imageLimitsSizeTheVmWithoutFlags() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 0\nexit 1\n");

        launcher.run("run", "--debug", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());

        assertThat(launcher.err).contains("memory 384 MiB = web 256 + system 128");
    }

    @Test
    void theStage1ImageIsExtractedOnceReadOnlyAndSharedByLaterPods() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 0\nexit 1\n");

        launcher.run("run", "--debug", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());
        assertThat(launcher.err).contains("extracting stage1 image");
        launcher.run("run", "--debug", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());

        assertThat(launcher.err)
                .doesNotContain("extracting stage1 image")
                .contains("is unchanged since it was stored as sha512-");
        try (var images = Files.list(launcher.imagesRoot())) {
            assertThat(images.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .singleElement()
                    .satisfies(name -> assertThat(name).matches("sha512-[0-9a-f]{64}"));
        }
        Path rootfs;
        try (var images = Files.list(launcher.imagesRoot())) {
            rootfs = images.filter(p -> p.getFileName().toString().startsWith("sha512-"))
                    .findFirst()
                    .orElseThrow()
                    .resolve("rootfs");
        }
        assertThat(Files.getPosixFilePermissions(rootfs).toString()).doesNotContain("WRITE");
        assertThat(Files.getPosixFilePermissions(rootfs.resolve("kernel_image")).toString())
                .doesNotContain("WRITE");
    }

    @Test
    void aStage1FileWrittenAgainIsReadAgainEvenWithItsOldTimestamp() throws Exception {
        Path app = FakeImages.app(temp.resolve("web.aci"), "status 0\nexit 1\n");
        launcher.run("run", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(stage1);
        Map<String, String> noKernelDir = FakeImages.qemuAnnotations();
        noKernelDir.put("stage1-kvm.dev/kernel", "/usr");
        Files.delete(stage1);
        FakeImages.qemuStage1(stage1, noKernelDir, true);
        Files.setLastModifiedTime(stage1, mtime);

        int code = launcher.run("run", "--stage1", stage1.toString(), "--accel", "tcg", app.toString());

        assertThat(code).isEqualTo(125);
        assertThat(launcher.err).contains("annotation stage1-kvm.dev/kernel names /usr, which is not a regular file");
    }

    @Test
    void dockerSaveAppRunsWithItsEntrypointAndTheArgumentsAfterDashDash() throws Exception {
        byte[] layer = new TestArchives()
                .dir("bin/")
                .executable("bin/app", "#!/bin/sh\n")
                .file("fake-vm", "status 9\nexit 0\n")
                .tarBytes();
        String diffId = "sha256:"
                + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(layer));
        String config = "{\"config\":{\"Entrypoint\":[\"/bin/app\"],\"Cmd\":[\"--default\"],\"User\":\"0:0\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
        Path tarball = temp.resolve("tool.tar");
        Files.write(
                tarball,
                new TestArchives()
                        .file("config.json", config)
                        .file("l1/layer.tar", layer, 0644)
                        .file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"l1/layer.tar\"]}]")
                        .tarBytes());

        int code = launcher.run(
                "run",
                "--keep",
                "--stage1",
                stage1.toString(),
                "--accel",
                "tcg",
                tarball.toString(),
                "--",
                "--custom",
                "x y");

        assertThat(code).as(launcher.err).isEqualTo(9);
        assertThat(launcher.pods().get(0).resolve("units/app-tool.service"))
                .content()
                .contains("ExecStart=\"/bin/app\" \"--custom\" \"x y\"");
    }
}
