package dev.stage1kvm.build;

import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.BzImageFormatException;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel file built elsewhere, placed at {@code /kernel_image}. On amd64 it must be a bzImage: its boot header is
 * checked and its release (for the {@code kernelversion} label) read from it.
 */
public final class PrebuiltKernelInput implements KernelInput {

    private final Path file;
    private final String name;
    private final boolean requireBzImage;
    private String release;

    /**
     * @param name names the input in errors, as the user wrote it
     * @param requireBzImage whether the architecture boots a bzImage (amd64) rather than a raw image (aarch64)
     */
    public PrebuiltKernelInput(Path file, String name, boolean requireBzImage) {
        this.file = file;
        this.name = name;
        this.requireBzImage = requireBzImage;
    }

    @Override
    public String description() {
        return name + " " + file;
    }

    @Override
    public void addTo(StagedTree tree) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(
                    name,
                    "'" + file + "' does not exist or is not a regular file; point it at"
                            + " the kernel image (arch/x86/boot/bzImage of a kernel build)");
        }
        if (requireBzImage) {
            try {
                release = BzImage.read(file).kernelRelease();
            } catch (BzImageFormatException e) {
                throw new InvalidInputException(
                        name,
                        "'" + file + "' is not a bzImage (" + e.getMessage() + ");"
                                + " point it at arch/x86/boot/bzImage of a kernel build",
                        e);
            }
        }
        HostTree.addFile(file, Stage1Layout.KERNEL_PATH, tree, name);
    }

    /** Known only for a bzImage. */
    @Override
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }
}
