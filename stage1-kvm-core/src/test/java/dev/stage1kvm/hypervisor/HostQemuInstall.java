package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's own QEMU (Debian's qemu-system-x86) described as an image's would be: started through the host's loader
 * with the host's libraries, and a firmware folder of links to the firmware the machines load.
 */
public final class HostQemuInstall {

    public static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    private HostQemuInstall() {}

    /** @param work a folder of the test's own, for the firmware links */
    public static QemuInstall create(Path work) throws IOException {
        assertThat(QEMU)
                .as("QEMU from Debian's qemu-system-x86 (.ci/run installs it)")
                .isExecutable();
        Path firmware = Files.createDirectories(work.resolve("fw"));
        for (Path file : List.of(
                Path.of("/usr/share/qemu/bios-microvm.bin"),
                Path.of("/usr/share/qemu/linuxboot_dma.bin"),
                Path.of("/usr/share/qemu/kvmvapic.bin"),
                Path.of("/usr/share/seabios/bios-256k.bin"))) {
            Files.createSymbolicLink(firmware.resolve(file.getFileName()), file);
        }
        return new QemuInstall(
                Path.of("/lib64/ld-linux-x86-64.so.2"),
                List.of(Path.of("/lib/x86_64-linux-gnu"), Path.of("/usr/lib/x86_64-linux-gnu")),
                QEMU,
                Path.of("/usr/lib/x86_64-linux-gnu/qemu"),
                firmware);
    }
}
