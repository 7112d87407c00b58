package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.RootfsInput;
import java.util.Optional;

/** An input that places the guest kernel at {@code /kernel_image}: a prebuilt file or a build from source. */
public interface KernelInput extends RootfsInput {

    /** The kernel release ({@code uname -r}), known once the input was added, for the {@code kernelversion} label. */
    Optional<String> release();
}
