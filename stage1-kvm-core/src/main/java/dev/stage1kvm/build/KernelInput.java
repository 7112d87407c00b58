package dev.stage1kvm.build;

import dev.stage1kvm.rootfs.RootfsInput;
import java.util.Optional;

/**
 * An input that places the guest kernel at {@code /kernel_image}: a prebuilt file, a build from source, or Debian's
 * kernel with the initramfs it boots through.
 */
public interface KernelInput extends RootfsInput {

    /** The kernel release ({@code uname -r}), known once the input was added, for the {@code kernelversion} label. */
    Optional<String> release();

    /** Where the input puts an initramfs the kernel needs at boot; none for a kernel that mounts its root itself. */
    default Optional<String> initrdPath() {
        return Optional.empty();
    }
}
