package dev.stage1kvm.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.TarballUnpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives KernelBuilder through a fake kernel source tree: a Makefile whose tinyconfig, olddefconfig and bzImage
 * targets write a .config and an image and count how often the image was compiled.
 */
class KernelBuilderTest {

    private static final String FRAGMENT = "CONFIG_NET_9P=y\nCONFIG_KERNEL_LZ4=y\n# CONFIG_KERNEL_XZ is not set\n";
    private static final String REQUIRED = "[9p]\nreason: the root is 9p\nNET_9P\n";

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void secondBuildWithNothingChangedCompilesNothing() throws Exception {
        Path tarball = fakeSource("\t@echo '  CC      init/main.o'\n");

        KernelBuildResult first = builder().build(request(tarball, FRAGMENT, REQUIRED));
        KernelBuildResult second = builder().build(request(tarball, FRAGMENT, REQUIRED));

        assertThat(builder().cached(request(tarball, FRAGMENT, REQUIRED))).contains(second);
        assertThat(builder().cached(request(tarball, FRAGMENT + "CONFIG_TMPFS=y\n", REQUIRED)))
                .isEmpty();
        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.image()).isEqualTo(first.image()).hasContent("fake bzImage");
        assertThat(compileCount()).isEqualTo(1);
        assertThat(KernelConfig.read(first.config()).isBuiltIn("NET_9P")).isTrue();
        assertThat(KernelConfig.read(first.config()).value("KERNEL_XZ")).contains(KernelConfig.NOT_SET);
        assertThat(first.log()).content().contains("$ make -j1 ARCH=x86_64 tinyconfig", "CC      init/main.o");
        assertThat(first.image().getParent().resolve(KernelBuilder.INPUTS_FILE))
                .content()
                .contains("recipe = " + KernelBuilder.RECIPE, "arch = amd64", "tool gcc = gcc");
        assertThat(listener.lines)
                .contains("INFO Kernel: taken from cache " + first.image().getParent() + " (inputs "
                        + first.inputDigest() + ")");
        assertThat(tmp.resolve("cache/work")).isEmptyDirectory();
    }

    @Test
    void aSourceFolderBuildsLikeATarballAndIsKeyedOnItsContent() throws Exception {
        Path folder = tmp.resolve("linux-folder");
        TarballUnpacker.unpack(fakeSource(""), folder, true);

        KernelBuildResult first = builder().build(request(folder, FRAGMENT, REQUIRED));
        KernelBuildResult second = builder().build(request(folder, FRAGMENT, REQUIRED));
        Files.writeString(folder.resolve("README"), "changed\n");
        KernelBuildResult changed = builder().build(request(folder, FRAGMENT, REQUIRED));

        assertThat(first.image()).hasContent("fake bzImage");
        assertThat(second.fromCache()).isTrue();
        assertThat(changed.fromCache()).isFalse();
        assertThat(compileCount()).isEqualTo(2);
        assertThat(folder.resolve(".config")).doesNotExist();
        assertThat(first.image().getParent().resolve(KernelBuilder.INPUTS_FILE))
                .content()
                .containsPattern("source = tree-sha256:[0-9a-f]{64}");
    }

    @Test
    void changedFragmentBuildsAgain() throws Exception {
        Path tarball = fakeSource("");

        KernelBuildResult first = builder().build(request(tarball, FRAGMENT, REQUIRED));
        KernelBuildResult second = builder().build(request(tarball, FRAGMENT + "CONFIG_TMPFS=y\n", REQUIRED));

        assertThat(second.inputDigest()).isNotEqualTo(first.inputDigest());
        assertThat(second.fromCache()).isFalse();
        assertThat(compileCount()).isEqualTo(2);
    }

    @Test
    void missingRequiredOptionStopsBeforeCompiling() throws Exception {
        Path tarball = fakeSource("");
        String required = REQUIRED + "[overlayfs]\nreason: app layers\nOVERLAY_FS\n";

        assertThatThrownBy(() -> builder().build(request(tarball, FRAGMENT, required)))
                .isInstanceOf(MissingKernelOptionsException.class)
                .hasMessageContaining("CONFIG_OVERLAY_FS must be y, is absent [overlayfs: app layers]");
        assertThat(compileCount()).isZero();
        assertThat(tmp.resolve("cache/work")).isEmptyDirectory();
    }

    @Test
    void fragmentOptionDroppedByOlddefconfigIsWarned() throws Exception {
        Path tarball = fakeSource("");

        builder().build(request(tarball, FRAGMENT + "CONFIG_NEEDS_MISSING_DEP=y\n", REQUIRED));

        assertThat(listener.lines)
                .contains("WARN Kernel: CONFIG_NEEDS_MISSING_DEP=y from the fragment became n after olddefconfig"
                        + " (a dependency is off)");
    }

    @Test
    void compileErrorKeepsTheWorkFolderAndPointsAtTheLog() throws Exception {
        Path tarball = fakeSource("\t@echo 'kernel/fork.c:1: error: broken' && false\n");

        assertThatThrownBy(() -> builder().build(request(tarball, FRAGMENT, REQUIRED)))
                .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                    assertThat(e.logFile()).exists();
                    assertThat(e.lastLines()).contains("kernel/fork.c:1: error: broken");
                })
                .hasMessageContaining("make -j1 ARCH=x86_64 bzImage");
        assertThat(new BuildCache(tmp.resolve("cache")).lookup("kernel", "0".repeat(64)))
                .isEmpty();
    }

    @Test
    void imageWithIkconfigIsReadBackAndCompared() throws Exception {
        String fragment = FRAGMENT + "CONFIG_IKCONFIG=y\n";
        String finalConfig = "CONFIG_64BIT=y\n# CONFIG_KERNEL_XZ is not set\nCONFIG_NET_9P=y\nCONFIG_KERNEL_LZ4=y\n"
                + "CONFIG_IKCONFIG=y\n";
        byte[] image = KernelBzImageTest.bzImage(
                KernelBzImageTest.compress(
                        KernelBzImageTest.vmlinux(finalConfig, 4096), KernelBzImageTest.Compression.GZIP),
                1);

        builder().build(request(fakeSource("", image), fragment, REQUIRED));

        assertThat(listener.lines)
                .contains("INFO Kernel: 6.1.192, GZIP payload, embedded config matches the final config");
    }

    @Test
    void imageCarryingAnotherConfigIsRejected() throws Exception {
        byte[] image = KernelBzImageTest.bzImage(
                KernelBzImageTest.compress(
                        KernelBzImageTest.vmlinux("CONFIG_IKCONFIG=y\n", 4096), KernelBzImageTest.Compression.GZIP),
                1);

        assertThatThrownBy(() ->
                        builder().build(request(fakeSource("", image), FRAGMENT + "CONFIG_IKCONFIG=y\n", REQUIRED)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not carry the .config it was built with");
        assertThat(tmp.resolve("cache/kernel")).doesNotExist();
    }

    private KernelBuilder builder() {
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        MakeRunner make = new MakeRunner(environment, listener, Duration.ofSeconds(30), 1);
        return new KernelBuilder(new BuildCache(tmp.resolve("cache")), environment, make, listener);
    }

    private static KernelBuildRequest request(Path tarball, String fragment, String required) throws IOException {
        return new KernelBuildRequest(
                tarball,
                KernelArch.AMD64,
                KernelConfig.parse(fragment, "test.fragment"),
                "test.fragment",
                RequiredOptions.parse(required, "required.txt"),
                List.of());
    }

    private long compileCount() throws IOException {
        Path counter = tmp.resolve("compiles");
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    private Path fakeSource(String extraCompileRecipe) throws IOException {
        return fakeSource(extraCompileRecipe, null);
    }

    private Path fakeSource(String extraCompileRecipe, byte[] prebuiltImage) throws IOException {
        return FakeKernelSource.tarball(tmp, tmp.resolve("compiles"), extraCompileRecipe, prebuiltImage);
    }
}
