package dev.stage1kvm.hypervisor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the guest boots: a kernel on the host, an optional initrd, and the program the kernel starts as PID 1.
 *
 * @param kernelOnHost the bzImage
 * @param initrdOnHost an initramfs, for kernels that need modules to mount the 9p root
 * @param guestInit absolute path of PID 1 inside the guest (the kernel's {@code init=})
 */
public record BootFiles(Path kernelOnHost, Optional<Path> initrdOnHost, String guestInit) {

    public BootFiles {
        Objects.requireNonNull(kernelOnHost, "kernelOnHost");
        Objects.requireNonNull(initrdOnHost, "initrdOnHost");
        if (!guestInit.startsWith("/")) {
            throw new IllegalArgumentException("guest init '" + guestInit + "' must be an absolute path in the guest");
        }
    }
}
