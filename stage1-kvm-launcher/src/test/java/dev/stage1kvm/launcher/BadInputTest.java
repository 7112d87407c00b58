package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends the launcher with 125 and one line naming the input and a remedy; no pod folder is left. */
class BadInputTest {

    @TempDir
    Path temp;

    Harness launcher;
    Path stage1;
    Path app;

    @BeforeEach
    void images() throws Exception {
        launcher = new Harness(temp);
        stage1 = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);
        app = FakeImages.app(temp.resolve("web.aci"), "status 0\nexit 1\n");
    }

    private void assertRefused(String expected, String... args) throws Exception {
        int code = launcher.run(args);

        assertThat(code).as(launcher.err).isEqualTo(125);
        assertThat(launcher.errLines()).as("exactly one line").hasSize(1);
        assertThat(launcher.err).startsWith("stage1-kvm: ").contains(expected).doesNotContain("\tat ");
        assertThat(launcher.pods()).isEmpty();
    }

    @Test
    void stage1ThatIsNotAnAci() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.aci"), "just some text, long enough to be read\n");

        assertRefused("stage1 image " + text + ": ", "run", "--stage1", text.toString(), app.toString());
        assertThat(launcher.err).contains("pass --stage1 with a stage1-kvm .aci file");
    }

    @Test
    void stage1ThatDoesNotExist() throws Exception {
        assertRefused(
                "stage1 image " + temp.resolve("missing.aci") + " does not exist",
                "run",
                "--stage1",
                temp.resolve("missing.aci").toString(),
                app.toString());
    }

    @Test
    void noStage1AtAll() throws Exception {
        assertRefused("no stage1 image: pass --stage1 IMAGE.aci or set STAGE1_KVM_STAGE1", "run", app.toString());
    }

    @Test
    void stage1WithoutAKernel() throws Exception {
        Path noKernel = FakeImages.qemuStage1(temp.resolve("nokernel.aci"), FakeImages.qemuAnnotations(), false);

        assertRefused(
                "the kernel /kernel_image is missing or not a regular file",
                "run",
                "--stage1",
                noKernel.toString(),
                app.toString());
    }

    @Test
    void stage1WithoutHypervisorAnnotations() throws Exception {
        Map<String, String> annotations = FakeImages.qemuAnnotations();
        annotations.remove("stage1-kvm.dev/hypervisor");
        annotations.remove("stage1-kvm.dev/loader");
        Path bare = FakeImages.qemuStage1(temp.resolve("bare.aci"), annotations, true);

        assertRefused(
                "cannot start a pod: annotation stage1-kvm.dev/hypervisor is missing",
                "run",
                "--stage1",
                bare.toString(),
                app.toString());
    }

    @Test
    void appImageWithAPathEscape() throws Exception {
        Path escape = new TestArchives()
                .file("manifest", "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"x\"}")
                .dir("rootfs/")
                .file("rootfs/../../escaped", "x")
                .writeGzip(temp.resolve("escape.aci"));

        assertRefused(
                escape + ": entry 'rootfs/../../escaped'",
                "run",
                "--stage1",
                stage1.toString(),
                "--accel",
                "tcg",
                escape.toString());
        assertThat(temp.resolve("escaped")).doesNotExist();
    }

    @Test
    void dockerSaveWithABrokenLayer() throws Exception {
        String config = "{\"config\":{\"Cmd\":[\"/bin/app\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"
                + "[\"sha256:" + "0".repeat(64) + "\"]}}";
        Path tarball = temp.resolve("broken.tar");
        Files.write(
                tarball,
                new TestArchives()
                        .file("config.json", config)
                        .file("layer/layer.tar", "this is not a tar, and not gzip either".repeat(20))
                        .file("manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"layer/layer.tar\"]}]")
                        .tarBytes());

        assertRefused(
                tarball + ": layer 1 of 1 (layer/layer.tar)",
                "run",
                "--stage1",
                stage1.toString(),
                "--accel",
                "tcg",
                tarball.toString());
    }

    @Test
    void memoryWithoutAUnit() throws Exception {
        assertRefused(
                "--memory '512' is less than 1M; unsuffixed numbers are bytes, so write the unit, e.g. 512Mi",
                "run",
                "--memory",
                "512",
                "--stage1",
                stage1.toString(),
                app.toString());
    }

    @Test
    void memoryThatIsNoQuantity() throws Exception {
        assertRefused(
                "--memory 'lots' is not a quantity",
                "run",
                "--memory",
                "lots",
                "--stage1",
                stage1.toString(),
                app.toString());
    }

    @Test
    void unknownAccel() throws Exception {
        assertRefused("--accel", "run", "--accel", "hvf", "--stage1", stage1.toString(), app.toString());
        assertThat(launcher.err).contains("see stage1-kvm run --help");
    }

    @Test
    void accelKvmWhereKvmDoesNotWork() throws Exception {
        assertRefused(
                "--accel kvm: KVM is not usable (there is no /dev/kvm); use --accel auto or --accel tcg on this"
                        + " host",
                "run",
                "--accel",
                "kvm",
                "--stage1",
                stage1.toString(),
                app.toString());
    }

    @Test
    void accelKvmWhereKvmIsSoftware() throws Exception {
        Files.createDirectories(launcher.hostRoot.resolve("dev"));
        Files.writeString(launcher.hostRoot.resolve("dev/kvm"), "");
        Files.createDirectories(launcher.hostRoot.resolve("sys/module/kvm_pvm"));

        assertRefused("served by kvm_pvm", "run", "--accel", "kvm", "--stage1", stage1.toString(), app.toString());
    }

    @Test
    void lkvmWithoutKvm() throws Exception {
        Path lkvm = FakeImages.lkvmStage1(temp.resolve("lkvm.aci"));

        assertRefused(
                "the stage1 image runs lkvm, which needs KVM, and KVM is not usable (there is no /dev/kvm); use"
                        + " a QEMU stage1 image",
                "run",
                "--stage1",
                lkvm.toString(),
                app.toString());
    }

    @Test
    void podFolderOnAReadOnlyLocation() throws Exception {
        launcher.environment.put("XDG_RUNTIME_DIR", "/proc/stage1-kvm-test");

        assertRefused(
                "cannot make a pod folder under /proc/stage1-kvm-test/stage1-kvm/pods",
                "run",
                "--accel",
                "tcg",
                "--stage1",
                stage1.toString(),
                app.toString());
        assertThat(launcher.err).contains("set XDG_RUNTIME_DIR to a writable folder");
    }

    @Test
    void debugAddsTheStackTraceAfterTheLine() throws Exception {
        int code = launcher.run("run", "--debug", "--memory", "512", "--stage1", stage1.toString(), app.toString());

        assertThat(code).isEqualTo(125);
        assertThat(launcher.errLines().get(0)).startsWith("stage1-kvm: --memory '512'");
        assertThat(launcher.err).contains("\tat dev.stage1kvm.pod.Quantities");
    }

    @Test
    void podsFolderThatIsASymlinkSomeoneElseMade() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createDirectories(temp.resolve("shared/stage1-kvm"));
        Files.createSymbolicLink(temp.resolve("shared/stage1-kvm/pods"), elsewhere);
        launcher.environment.put("XDG_RUNTIME_DIR", temp.resolve("shared").toString());

        assertRefused(
                "pods folder " + temp.resolve("shared/stage1-kvm/pods") + " is a symlink, not this user's own"
                        + " folder",
                "run",
                "--accel",
                "tcg",
                "--stage1",
                stage1.toString(),
                app.toString());
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void appThatDoesNotExistIsNamedBeforeAnythingElseHappens() throws Exception {
        Path missing = temp.resolve("missing.tar");

        assertRefused(
                "app image " + missing + " does not exist", "run", "--stage1", stage1.toString(), missing.toString());
        assertThat(launcher.imagesRoot()).doesNotExist();
    }

    @Test
    void stage1WithoutAHypervisorBinary() throws Exception {
        assertRefused(
                "stage1 image " + app + " is not usable: the kernel /kernel_image is missing or not a regular"
                        + " file; the rootfs must hold exactly one of /lkvm and /qemu, found neither",
                "run",
                "--stage1",
                app.toString(),
                app.toString());
    }
}
