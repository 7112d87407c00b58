package dev.stage1kvm.build;

import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelBuildRequest;
import dev.stage1kvm.kernel.KernelBuildResult;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.MissingKernelOptionsException;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildCache;
import dev.stage1kvm.source.BuildEnvironment;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.MakeRunner;
import dev.stage1kvm.source.MissingBuildToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The guest kernel built from a source tarball by {@link KernelBuilder}: taken from the build cache when nothing
 * that goes into it changed, compiled otherwise, then placed at {@code /kernel_image}.
 */
public final class KernelBuildInput implements KernelInput {

    /** Where the kernel-config module keeps its fragments. */
    private static final String FRAGMENT_FOLDER = "dev/stage1kvm/kernel/";

    private final KernelBuilder builder;
    private final KernelBuildRequest request;
    private final String name;
    private String release;

    /**
     * A build with the project's fragment and required options for {@code appcArch} (from the kernel-config jar on
     * the class path) unless {@code fragmentFile} replaces the fragment, cached under the user's cache folder.
     */
    public static KernelBuildInput of(
            Path tarball, Optional<Path> fragmentFile, String appcArch, BuildListener listener, String name)
            throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new InvalidInputException(
                    name,
                    "'" + tarball + "' is not a kernel source tarball; point it at one,"
                            + " e.g. /usr/src/linux-source-6.1.tar.xz from Debian's linux-source-6.1");
        }
        KernelArch arch = appcArch.equals("aarch64") ? KernelArch.ARM64 : KernelArch.AMD64;
        String fragmentName =
                fragmentFile.map(f -> f.getFileName().toString()).orElse("stage1-" + arch.debianName() + ".fragment");
        KernelConfig fragment = fragmentFile.isPresent()
                ? KernelConfig.read(fragmentFile.get())
                : KernelConfig.parse(resource(FRAGMENT_FOLDER + fragmentName), fragmentName);
        ClassLoader loader = KernelBuildInput.class.getClassLoader();
        KernelBuildRequest request = new KernelBuildRequest(
                tarball, arch, fragment, fragmentName, RequiredOptions.fromClassPath(loader), List.of());
        BuildEnvironment environment = BuildEnvironment.DEFAULT;
        KernelBuilder builder = new KernelBuilder(
                new BuildCache(BuildCache.defaultRoot()), environment, new MakeRunner(environment, listener), listener);
        return new KernelBuildInput(builder, request, name);
    }

    /** @param name names the input in logs and errors, as the user configured it */
    public KernelBuildInput(KernelBuilder builder, KernelBuildRequest request, String name) {
        this.builder = builder;
        this.request = request;
        this.name = name;
    }

    @Override
    public String description() {
        return name + " " + request.sourceTarball() + " + " + request.fragmentName();
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        KernelBuildResult result;
        try {
            result = builder.build(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the kernel build was interrupted");
        } catch (MissingBuildToolException | MissingKernelOptionsException | BuildFailedException e) {
            // Each names what is wrong and what to do: the tools and their packages, the options, the kept log.
            throw new InvalidInputException(name, e.getMessage(), e);
        }
        if (request.arch().equals(KernelArch.AMD64)) {
            release = BzImage.read(result.image()).kernelRelease();
        }
        HostTree.addFile(result.image(), Stage1Layout.KERNEL_PATH, tree, name);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = KernelBuildInput.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(
                        path + " is not on the class path; add the dev.stage1kvm:kernel-config" + " dependency");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }
}
