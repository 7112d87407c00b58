package dev.stage1kvm.build;

import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.KernelBuildRequest;
import dev.stage1kvm.kernel.KernelBuildResult;
import dev.stage1kvm.kernel.KernelBuilder;
import dev.stage1kvm.kernel.MissingKernelOptionsException;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.source.BuildFailedException;
import dev.stage1kvm.source.MissingBuildToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * The guest kernel built from a source tarball by {@link KernelBuilder}: taken from the build cache when nothing
 * that goes into it changed, compiled otherwise, then placed at {@code /kernel_image}.
 */
public final class KernelBuildInput implements KernelInput {

    private final KernelBuilder builder;
    private final KernelBuildRequest request;
    private final String name;
    private String release;

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
        release = BzImage.read(result.image()).kernelRelease();
        HostTree.addFile(result.image(), Stage1Layout.KERNEL_PATH, tree, name);
    }

    @Override
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }
}
