package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.rootfs.PackageTreeFixture;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** QemuFiles on the entries of bookworm's real QEMU packages (a fixture made with dpkg -x). */
class BookwormQemuTest {

    @Test
    void findsEverythingInTheRealPackagesAndNothingElse() throws IOException {
        StagedTree unpacked = PackageTreeFixture.read(BookwormQemuTest.class, "bookworm-qemu-tree.txt");

        StagedTree overlay = QemuFiles.overlay(unpacked);

        assertThat(overlay.get("qemu")).isSameAs(unpacked.get("usr/bin/qemu-system-x86_64"));
        assertThat(overlay.get("usr/share/qemu/bios-256k.bin"))
                .isSameAs(unpacked.get("usr/share/seabios/bios-256k.bin"));
        assertThat(overlay.get("usr/share/qemu/bios-microvm.bin")).isSameAs(unpacked.get("usr/share/qemu/qboot.rom"));
        long files = overlay.entries().values().stream()
                .filter(entry -> entry instanceof StagedEntry.RegularFile)
                .count();
        long sizeBytes = overlay.entries().values().stream()
                .mapToLong(entry -> entry instanceof StagedEntry.RegularFile file ? file.sizeBytes() : 0)
                .sum();
        assertThat(files).isEqualTo(6);
        // binary 18,397,984 + TCG module 22,608 + firmware 262,144 + 1,536 + 9,216 + 65,536
        assertThat(sizeBytes).isEqualTo(18_759_024L);
    }
}
