package dev.stage1kvm.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to build a stage1 kernel, whatever source it is built from: known before the source is fetched, so that the
 * tools it needs can be checked first.
 *
 * @param arch the architecture to build for
 * @param fragment the config fragment applied on top of tinyconfig
 * @param fragmentName names the fragment in logs and messages
 * @param requiredOptions the options the final config must have
 * @param patches applied in this order with {@code patch -p1 --forward} before configuring
 */
public record KernelRecipe(
        KernelArch arch,
        KernelConfig fragment,
        String fragmentName,
        RequiredOptions requiredOptions,
        List<Path> patches) {

    public KernelRecipe {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(requiredOptions, "requiredOptions");
        patches = List.copyOf(patches);
    }

    /** This recipe applied to a source tarball or folder. */
    public KernelBuildRequest withSource(Path source) {
        return new KernelBuildRequest(source, arch, fragment, fragmentName, requiredOptions, patches);
    }
}
