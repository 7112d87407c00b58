package dev.stage1kvm.build;

import dev.stage1kvm.kernel.BzImage;
import dev.stage1kvm.kernel.BzImageFormatException;
import dev.stage1kvm.kernel.KernelArch;
import dev.stage1kvm.kernel.KernelConfig;
import dev.stage1kvm.kernel.RequiredOptions;
import dev.stage1kvm.progress.BuildListener;
import dev.stage1kvm.rootfs.HostTree;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.Stage1Layout;
import dev.stage1kvm.rootfs.StagedTree;
import dev.stage1kvm.zstd.ZstdUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A kernel file built elsewhere, placed at {@code /kernel_image}. On amd64 it must be a bzImage: its boot header is
 * checked and its release (for the {@code kernelversion} label) read from it. Given the required options, a bzImage
 * that embeds its config ({@code CONFIG_IKCONFIG}) is checked against them, and each option it lacks is warned of.
 */
public final class PrebuiltKernelInput implements KernelInput {

    private final Path file;
    private final String name;
    private final boolean requireBzImage;
    private final Optional<RequiredOptions> required;
    private final BuildListener listener;
    private String release;

    /**
     * @param name names the input in errors, as the user wrote it
     * @param requireBzImage whether the architecture boots a bzImage (amd64) rather than a raw image (aarch64)
     */
    public PrebuiltKernelInput(Path file, String name, boolean requireBzImage) {
        this(file, name, requireBzImage, Optional.empty(), BuildListener.SILENT);
    }

    private PrebuiltKernelInput(
            Path file,
            String name,
            boolean requireBzImage,
            Optional<RequiredOptions> required,
            BuildListener listener) {
        this.file = file;
        this.name = name;
        this.requireBzImage = requireBzImage;
        this.required = required;
        this.listener = listener;
    }

    /** The same input, which also checks a bzImage's embedded config against {@code required} (amd64 options). */
    public PrebuiltKernelInput checkedAgainst(RequiredOptions required, BuildListener listener) {
        return new PrebuiltKernelInput(file, name, requireBzImage, Optional.of(required), listener);
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
                BzImage bzImage = BzImage.read(file);
                release = bzImage.kernelRelease();
                if (required.isPresent()) {
                    checkEmbeddedConfig(bzImage, required.get());
                }
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

    private void checkEmbeddedConfig(BzImage bzImage, RequiredOptions required) throws IOException {
        Optional<KernelConfig> config;
        try {
            config = bzImage.embeddedConfig();
        } catch (BzImageFormatException | ZstdUnavailableException e) {
            listener.info("Kernel: " + name + "'s config cannot be read (" + e.getMessage() + "), so its options are"
                    + " not checked");
            return;
        }
        if (config.isEmpty()) {
            listener.info("Kernel: " + name + " embeds no config (CONFIG_IKCONFIG), so its options are not checked");
            return;
        }
        List<RequiredOptions.MissingOption> missing = required.check(config.get(), KernelArch.AMD64.debianName());
        if (missing.isEmpty()) {
            listener.info("Kernel: " + name + " embeds a config with every required option");
            return;
        }
        listener.warn(name + " " + file + " embeds a config that lacks " + missing.size() + " of the options a stage1"
                + " kernel needs; pods may fail to boot or run slowly:");
        missing.forEach(option -> listener.warn("  " + option.describe()));
    }

    /** Known only for a bzImage. */
    @Override
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }
}
