package dev.stage1kvm.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to build a stage1 kernel from.
 *
 * @param sourceTarball a kernel source tarball (gzip, bzip2, xz or plain), with one top folder
 * @param arch the architecture to build for
 * @param fragment the config fragment applied on top of tinyconfig
 * @param fragmentName names the fragment in logs and messages
 * @param requiredOptions the options the final config must have
 * @param patches applied in this order with {@code patch -p1 --forward} before configuring
 */
public record KernelBuildRequest(
        Path sourceTarball,
        KernelArch arch,
        KernelConfig fragment,
        String fragmentName,
        RequiredOptions requiredOptions,
        List<Path> patches) {

    public KernelBuildRequest {
        Objects.requireNonNull(sourceTarball, "sourceTarball");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(requiredOptions, "requiredOptions");
        patches = List.copyOf(patches);
    }
}
