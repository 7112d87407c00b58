package dev.stage1kvm.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.kernel.FakeKernelSource;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelBuildRequest;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.KernelBzImageTest;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.BuildListener;
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

    private static KernelBuildInput input(KernelBuilder builder, KernelBuildRequest request) {
        return new KernelBuildInput(
                builder,
                KernelSources.local(request.source(), null, "<kernelSource>"),
                request.recipe(),
                "<kernelSource>");
    }

    private KernelBuilder builder() {
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        MakeRunner make = new MakeRunner(environment, BuildListener.SILENT, Duration.ofSeconds(30), 1);
        return new KernelBuilder(new BuildCache(tmp.resolve("cache")), environment, make, BuildListener.SILENT);
    }

    private KernelBuildRequest request() throws IOException {
        Path tarball =
                FakeKernelSource.tarball(tmp, tmp.resolve("compiles"), "", KernelBzImageTest.bzImage(new byte[64], 1));
        return new KernelBuildRequest(
                tarball,
                KernelArch.AMD64,
                KernelConfig.parse("CONFIG_NET_9P=y\n", "test.fragment"),
                "test.fragment",
                RequiredOptions.parse("[9p]\nreason: the root is 9p\nNET_9P\n", "required.txt"),
                List.of());
    }
}
