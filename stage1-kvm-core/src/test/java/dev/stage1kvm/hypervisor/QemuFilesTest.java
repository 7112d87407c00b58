package dev.stage1kvm.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QemuFilesTest {

    /** The paths of bookworm's qemu-system-x86, qemu-system-common, qemu-system-data and seabios, in brief. */
    static StagedTree unpackedQemu() {
        return new StagedTree()
                .put("/usr/bin/qemu-system-x86_64", file("qemu"))
                .put("/usr/bin/kvm", new StagedEntry.Symlink("qemu-system-x86_64"))
                .put("/usr/bin/qemu-system-x86_64-microvm", file("qemu-microvm"))
                .put("/usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so", file("tcg"))
                .put("/usr/lib/x86_64-linux-gnu/qemu/accel-tcg-i386.so", file("tcg32"))
                .put("/usr/lib/x86_64-linux-gnu/qemu/ui-curses.so", file("curses"))
                .put("/usr/share/qemu/linuxboot_dma.bin", file("linuxboot_dma"))
                .put("/usr/share/qemu/kvmvapic.bin", file("kvmvapic"))
                .put("/usr/share/qemu/qboot.rom", file("qboot"))
                .put("/usr/share/qemu/bios-microvm.bin", new StagedEntry.Symlink("qboot.rom"))
                .put("/usr/share/qemu/openbios-ppc", file("ppc"))
                .put("/usr/share/seabios/bios-256k.bin", file("seabios"))
                .put("/usr/share/seabios/bios-microvm.bin", file("seabios-microvm"))
                .put("/usr/share/seabios/vgabios-stdvga.bin", file("vga"))
                .put("/usr/share/man/man1/qemu-system-x86_64.1.gz", file("man"));
    }

    @Test
    void takesTheBinaryTheTcgModuleAndFourFirmwareFiles() {
        StagedTree unpacked = unpackedQemu();

        StagedTree overlay = QemuFiles.overlay(unpacked);

        assertThat(overlay.entries().keySet())
                .containsExactly(
                        "qemu",
                        "usr",
                        "usr/lib",
                        "usr/lib/x86_64-linux-gnu",
                        "usr/lib/x86_64-linux-gnu/qemu",
                        "usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so",
                        "usr/share",
                        "usr/share/qemu",
                        "usr/share/qemu/bios-256k.bin",
                        "usr/share/qemu/bios-microvm.bin",
                        "usr/share/qemu/kvmvapic.bin",
                        "usr/share/qemu/linuxboot_dma.bin");
        assertThat(overlay.get("qemu")).isEqualTo(unpacked.get("usr/bin/qemu-system-x86_64"));
        assertThat(overlay.get("usr/share/qemu/bios-256k.bin"))
                .isEqualTo(unpacked.get("usr/share/seabios/bios-256k.bin"));
    }

    @Test
    void microvmFirmwareIsQbootAsDebiansQemuWouldFindItFirst() {
        StagedTree unpacked = unpackedQemu();

        StagedTree overlay = QemuFiles.overlay(unpacked);

        assertThat(overlay.get("usr/share/qemu/bios-microvm.bin"))
                .as("a regular file with qboot's bytes, not a link and not SeaBIOS's microvm build")
                .isEqualTo(unpacked.get("usr/share/qemu/qboot.rom"));
    }

    @Test
    void aMissingFirmwareNamesThePackageToList() {
        StagedTree unpacked = unpackedQemu();
        StagedTree withoutSeabios = new StagedTree();
        unpacked.entries().forEach((path, entry) -> {
            if (!path.startsWith("usr/share/seabios")) {
                withoutSeabios.put(path, entry);
            }
        });

        assertThatThrownBy(() -> QemuFiles.overlay(withoutSeabios))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("firmware bios-256k.bin is in none of /usr/share/qemu, /usr/share/seabios")
                .hasMessageContaining("list seabios in packages-qemu.list");
    }

    @Test
    void aMissingTcgModuleNamesQemuSystemCommon() {
        StagedTree unpacked = unpackedQemu().put("/usr/lib/x86_64-linux-gnu/qemu", new StagedEntry.Directory(0755));
        StagedTree without = new StagedTree();
        unpacked.entries().forEach((path, entry) -> {
            if (!path.endsWith("accel-tcg-x86_64.so")) {
                without.put(path, entry);
            }
        });

        assertThatThrownBy(() -> QemuFiles.overlay(without))
                .hasMessageContaining("/usr/lib/x86_64-linux-gnu/qemu/accel-tcg-x86_64.so is not a file")
                .hasMessageContaining("qemu-system-common");
    }

    @Test
    void annotationsNameTheLoaderByItsRealPath() {
        StagedTree image = new StagedTree()
                .put("/lib", new StagedEntry.Symlink("usr/lib"))
                .put("/lib64", new StagedEntry.Symlink("usr/lib64"))
                .put(
                        "/usr/lib64/ld-linux-x86-64.so.2",
                        new StagedEntry.Symlink("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"))
                .put("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", file("ld"))
                .overlay(QemuFiles.overlay(unpackedQemu()));

        assertThat(QemuFiles.annotations(image.index()))
                .containsExactly(
                        new NameValue(Stage1Annotations.LOADER_PATH, "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
                        new NameValue(Stage1Annotations.LIBRARY_PATH, "/usr/lib/x86_64-linux-gnu"),
                        new NameValue(Stage1Annotations.MODULE_DIR, "/usr/lib/x86_64-linux-gnu/qemu"),
                        new NameValue(Stage1Annotations.FIRMWARE_DIR, "/usr/share/qemu"));
    }

    @Test
    void annotationsNeedALoader() {
        StagedTree image = QemuFiles.overlay(unpackedQemu());

        assertThatThrownBy(() -> QemuFiles.annotations(image.index()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/lib64/ld-linux-x86-64.so.2 does not resolve to a file")
                .hasMessageContaining("libc6");
    }

    private static StagedEntry.RegularFile file(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new StagedEntry.RegularFile(new StagedEntry.Bytes(bytes), bytes.length, 0755);
    }
}
