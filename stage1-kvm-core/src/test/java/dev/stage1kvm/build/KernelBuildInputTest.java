package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.kernel.FakeKernelSource;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelBuildRequest;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.KernelBzImageTest;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.progress.RecordingListener;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.MakeRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelBuildInputTest {

    @TempDir
    Path tmp;

    private final RecordingListener listener = new RecordingListener();

    @Test
    void placesTheBuiltKernelAndReadsItsRelease() throws IOException {
        KernelBuildInput input = input(builder(), request());
        StagedTree tree = new StagedTree();

        input.addTo(tree);

        assertThat(tree.get("/kernel_image")).isInstanceOf(StagedEntry.RegularFile.class);
        assertThat(input.release()).hasValue("6.1.192");
        assertThat(Files.readAllLines(tmp.resolve("compiles"))).hasSize(1);
    }

    @Test
    void aSecondImageBuildTakesTheKernelFromTheCache() throws IOException {
        KernelBuildRequest request = request();
        input(builder(), request).addTo(new StagedTree());
        KernelBuildInput again = input(builder(), request);

        again.addTo(new StagedTree());

        assertThat(Files.readAllLines(tmp.resolve("compiles"))).hasSize(1);
        assertThat(again.release()).hasValue("6.1.192");
    }

    @Test
    void keepsTheBuildLogInTheLogFolderWhenBuiltAndWhenTakenFromTheCache() throws IOException {
        KernelBuildRequest request = request("");
        Path logs = tmp.resolve("target/stage1-kvm");
        Path kept = logs.resolve(KernelBuildInput.LOG_FILE);

        input(builder(), request).addTo(new StagedTree(), logs);
        String built = Files.readString(kept);
        Files.delete(kept);
        input(builder(), request).addTo(new StagedTree(), logs);

        assertThat(built).contains("$ make -j1 ARCH=x86_64 bzImage");
        assertThat(kept).content().isEqualTo(built);
        assertThat(Files.readAllLines(tmp.resolve("compiles"))).hasSize(1);
        assertThat(listener.lines)
                .filteredOn(line -> line.contains("build log"))
                .containsExactly("INFO Kernel: build log kept as " + kept, "INFO Kernel: build log kept as " + kept);
    }

    @Test
    void aFailedCompileKeepsItsLogInTheLogFolderAndTheErrorNamesIt() throws IOException {
        KernelBuildRequest request = request("\t@echo 'init/main.c:1: error: no such thing'; exit 2\n");
        Path logs = tmp.resolve("target/stage1-kvm");
        Path kept = logs.resolve(KernelBuildInput.LOG_FILE);

        assertThatThrownBy(() -> input(builder(), request).addTo(new StagedTree(), logs))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("<kernelSource>: 'make -j1 ARCH=x86_64 bzImage' failed with exit code 2")
                .hasMessageContaining("; the full log is " + kept + " (also " + tmp.resolve("cache/work"))
                .hasMessageContaining("init/main.c:1: error: no such thing");
        assertThat(kept).content().contains("init/main.c:1: error: no such thing");
        assertThat(tmp.resolve("cache/kernel")).doesNotExist();
    }

    private KernelBuildInput input(KernelBuilder builder, KernelBuildRequest request) {
        return new KernelBuildInput(
                builder,
                KernelSources.local(request.source(), null, "<kernelSource>"),
                request.recipe(),
                listener,
                "<kernelSource>");
    }

    private KernelBuilder builder() {
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        MakeRunner make = new MakeRunner(environment, BuildListener.SILENT, Duration.ofSeconds(30), 1);
        return new KernelBuilder(new BuildCache(tmp.resolve("cache")), environment, make, BuildListener.SILENT);
    }

    private KernelBuildRequest request() throws IOException {
        return request("");
    }

    /** @param extraCompileRecipe make recipe lines run before the fake compile */
    private KernelBuildRequest request(String extraCompileRecipe) throws IOException {
        Path tarball = FakeKernelSource.tarball(
                tmp, tmp.resolve("compiles"), extraCompileRecipe, KernelBzImageTest.bzImage(new byte[64], 1));
        return new KernelBuildRequest(
                tarball,
                KernelArch.AMD64,
                KernelConfig.parse("CONFIG_NET_9P=y\n", "test.fragment"),
                "test.fragment",
                RequiredOptions.parse("[9p]\nreason: the root is 9p\nNET_9P\n", "required.txt"),
                List.of());
    }
}
