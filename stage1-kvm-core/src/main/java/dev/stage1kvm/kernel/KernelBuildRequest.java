package dev.stage1kvm.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to build a stage1 kernel from.
 *
 * @param source a kernel source tarball (gzip, bzip2, xz or plain) with one top folder, or a kernel source folder
 * @param arch the architecture to build for
 * @param fragment the config fragment applied on top of tinyconfig
 * @param fragmentName names the fragment in logs and messages
 * @param requiredOptions the options the final config must have
 * @param patches applied in this order with {@code patch -p1 --forward} before configuring
 */
public record KernelBuildRequest(
        Path source,
        KernelArch arch,
        KernelConfig fragment,
        String fragmentName,
        RequiredOptions requiredOptions,
        List<Path> patches) {

    public KernelBuildRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(requiredOptions, "requiredOptions");
        patches = List.copyOf(patches);
    }

    /** Everything but the source. */
    public KernelRecipe recipe() {
        return new KernelRecipe(arch, fragment, fragmentName, requiredOptions, patches);
    }
}
