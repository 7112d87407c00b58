package dev.stage1kvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.hypervisor.HostTsc;
import dev.stage1kvm.it.Launcher.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage1 image's own kernel, built from source, boots under TCG with nothing but a busybox folder as its 9p root
 * and runs that folder's init: the kernel part of the image, apart from systemd. bench/kernel-boot.sh times it.
 */
class KernelBootIT {

    static final String MARKER = "stage1-kernel-boot-marker";

    @TempDir
    Path work;

    @Test
    void theImagesKernelBootsABusyboxRootOnQ35() throws Exception {
        Result result = boot(kernel(), busyboxRoot(), "q35", OptionalLong.empty());

        assertThat(result.output()).contains(MARKER).contains("VFS: Mounted root (9p filesystem)");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theImagesKernelBootsABusyboxRootOnMicrovmWithTheHostsTscRate() throws Exception {
        OptionalLong tsc = HostTsc.detect(Path.of("/"));
        assertThat(tsc)
                .as("the host's TSC rate from /proc/cpuinfo, which microvm under TCG needs")
                .isPresent();

        Result result = boot(kernel(), busyboxRoot(), "microvm", tsc);

        assertThat(result.output()).contains(MARKER);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The QEMU command line measurements section 3 booted with, on the host's QEMU. */
    static List<String> qemu(Path kernel, Path root, String machine, OptionalLong tscKhz) {
        String device = machine.equals("microvm") ? "virtio-9p-device" : "virtio-9p-pci";
        String append = "root=root rootfstype=9p rootflags=trans=virtio,version=9p2000.L ro console=ttyS0 panic=-1"
                + " init=/init" + (tscKhz.isPresent() ? " tsc_early_khz=" + tscKhz.getAsLong() : "");
        return new ArrayList<>(List.of(
                "qemu-system-x86_64",
                "-accel",
                "tcg",
                "-machine",
                machine,
                "-cpu",
                "max",
                "-m",
                "256",
                "-nodefaults",
                "-no-user-config",
                "-nographic",
                "-no-reboot",
                "-serial",
                "stdio",
                "-kernel",
                kernel.toString(),
                "-append",
                append,
                "-fsdev",
                "local,id=root,path=" + root + ",security_model=none,readonly=on",
                "-device",
                device + ",fsdev=root,mount_tag=root"));
    }

    private static Result boot(Path kernel, Path root, String machine, OptionalLong tsc) throws Exception {
        Process process = new ProcessBuilder(qemu(kernel, root, machine, tsc))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        return Launcher.finish(process);
    }

    /** A root holding busybox and an init that prints the marker and powers the VM off. */
    private Path busyboxRoot() throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        for (String folder : List.of("bin", "proc", "dev")) {
            Files.createDirectories(root.resolve(folder));
        }
        Files.copy(AppImages.BUSYBOX, root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Path init = root.resolve("init");
        Files.writeString(
                init,
                "#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\necho " + MARKER
                        + " uptime=$(/bin/busybox cut -d' ' -f1 /proc/uptime)\n/bin/busybox poweroff -f\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    /** {@code rootfs/kernel_image} of the stage1 image. */
    private Path kernel() throws IOException {
        Path kernel = work.resolve("kernel_image");
        try (InputStream file = Files.newInputStream(Launcher.stage1Image());
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.getName().equals("rootfs/kernel_image")) {
                    Files.copy(tar, kernel);
                    return kernel;
                }
            }
        }
        throw new AssertionError("the stage1 image " + Launcher.stage1Image() + " holds no rootfs/kernel_image");
    }
}
