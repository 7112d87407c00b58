package dev.stage1kvm.hypervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a QEMU and what it needs live on the host. The image's QEMU is dynamically linked, so it is started through
 * the image's own loader with the image's libraries, and told where its modules (the TCG accelerator is one) and
 * firmware are, so that nothing of the host's is used.
 *
 * @param loader the dynamic loader, e.g. {@code <rootfs>/lib64/ld-linux-x86-64.so.2}
 * @param libraryPath the folders the loader searches, in order
 * @param binary the qemu-system-x86_64 executable
 * @param moduleDir the folder holding {@code accel-tcg-x86_64.so} ({@code QEMU_MODULE_DIR})
 * @param firmwareDir the folder holding {@code bios-microvm.bin} and friends ({@code -L})
 */
public record QemuInstall(Path loader, List<Path> libraryPath, Path binary, Path moduleDir, Path firmwareDir) {

    public QemuInstall {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(moduleDir, "moduleDir");
        Objects.requireNonNull(firmwareDir, "firmwareDir");
        libraryPath = List.copyOf(libraryPath);
        if (libraryPath.isEmpty()) {
            throw new IllegalArgumentException("QEMU's library path is empty; name the folders holding its libraries");
        }
    }
}
