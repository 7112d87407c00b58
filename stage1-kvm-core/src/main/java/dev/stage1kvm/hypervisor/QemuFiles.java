package dev.stage1kvm.hypervisor;

import dev.stage1kvm.aci.NameValue;
import dev.stage1kvm.aci.Stage1Annotations;
import dev.stage1kvm.rootfs.InvalidInputException;
import dev.stage1kvm.rootfs.RootfsIndex;
import dev.stage1kvm.rootfs.StagedEntry;
import dev.stage1kvm.rootfs.StagedTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage1 image takes of Debian's QEMU (qemu-system-x86 7.2 and the packages of {@code packages-qemu.list}):
 * the emulator at {@code /qemu}, the TCG accelerator module, and the firmware the pc, q35 and microvm machines read,
 * gathered in one folder; and the annotations that tell the launcher how to start it with the image's own loader and
 * libraries (DESIGN.md section 3). The libraries themselves come from the ELF closure of {@link #ELF_OBJECTS}.
 */
public final class QemuFiles {

    /** Where Debian's qemu-system-x86 puts the emulator. */
    public static final String PACKAGED_BINARY = "/usr/bin/qemu-system-x86_64";

    /** Debian's module folder (qemu-system-common), kept as the image's {@code QEMU_MODULE_DIR}. */
    public static final String MODULE_DIR = "/usr/lib/x86_64-linux-gnu/qemu";

    /** Debian builds TCG as a module; without it QEMU stops with "could not load module for type 'tcg-accel-ops'". */
    public static final String TCG_MODULE = "accel-tcg-x86_64.so";

    /** The image's firmware folder, given to QEMU with {@code -L}; Debian's own name for it. */
    public static final String FIRMWARE_DIR = "/usr/share/qemu";

    /**
     * The firmware QEMU reads at run time (measured with strace, measurements section 5) and the package holding
     * each: pc and q35 need bios-256k.bin and linuxboot_dma.bin (kvmvapic.bin only under KVM); microvm needs
     * bios-microvm.bin, which Debian links to qboot.rom.
     */
    public static final Map<String, String> FIRMWARE_PACKAGES = firmwarePackages();

    /**
     * Where Debian's QEMU looks for firmware, in its order (its configured firmware path): the first folder holding a
     * name wins, so bios-microvm.bin is qboot from qemu-system-data, not SeaBIOS's build of the same name.
     */
    static final List<String> PACKAGED_FIRMWARE_DIRS = List.of("/usr/share/qemu", "/usr/share/seabios");

    /** The x86-64 psABI's program interpreter; the launcher runs QEMU through it. */
    public static final String LOADER = "/lib64/ld-linux-x86-64.so.2";

    /** Debian's multiarch library folder, where every library of QEMU's closure lives once /usr is merged. */
    public static final String LIBRARY_DIR = "/usr/lib/x86_64-linux-gnu";

    /** The ELF files of the QEMU overlay whose libraries the image needs. */
    public static final List<String> ELF_OBJECTS = List.of(Hypervisor.QEMU.guestPath(), MODULE_DIR + "/" + TCG_MODULE);

    private QemuFiles() {}

    /**
     * The QEMU overlay: {@code /qemu}, the TCG module in {@link #MODULE_DIR} and the firmware in
     * {@link #FIRMWARE_DIR}, each a regular file (links in the packages are followed).
     *
     * @param unpacked a tree holding the unpacked packages of {@code packages-qemu.list}
     * @throws InvalidInputException naming a file that is missing and the package that holds it
     */
    public static StagedTree overlay(StagedTree unpacked) {
        RootfsIndex index = unpacked.index();
        StagedTree overlay = new StagedTree();
        overlay.put(Hypervisor.QEMU.guestPath(), file(unpacked, index, PACKAGED_BINARY, "qemu-system-x86"));
        String module = MODULE_DIR + "/" + TCG_MODULE;
        overlay.put(module, file(unpacked, index, module, "qemu-system-common"));
        FIRMWARE_PACKAGES.forEach((name, packageName) ->
                overlay.put(FIRMWARE_DIR + "/" + name, firmware(unpacked, index, name, packageName)));
        return overlay;
    }

    /**
     * The annotations the launcher reads to start the image's QEMU: loader, library path, module and firmware folder.
     *
     * @param image the finished image's rootfs, libraries included
     * @throws InvalidInputException when the image has no x86-64 loader
     */
    public static List<NameValue> annotations(RootfsIndex image) {
        if (!(image.resolve(LOADER) instanceof RootfsIndex.Found loader)
                || loader.entry().type() != RootfsIndex.Type.FILE) {
            throw new InvalidInputException(
                    "qemu image", LOADER + " does not resolve to a file in the image; add libc6 to packages.list");
        }
        return List.of(
                new NameValue(Stage1Annotations.LOADER_PATH, "/" + loader.path()),
                new NameValue(Stage1Annotations.LIBRARY_PATH, LIBRARY_DIR),
                new NameValue(Stage1Annotations.MODULE_DIR, MODULE_DIR),
                new NameValue(Stage1Annotations.FIRMWARE_DIR, FIRMWARE_DIR));
    }

    private static StagedEntry firmware(StagedTree unpacked, RootfsIndex index, String name, String packageName) {
        for (String folder : PACKAGED_FIRMWARE_DIRS) {
            if (index.resolve(folder + "/" + name) instanceof RootfsIndex.Found) {
                return file(unpacked, index, folder + "/" + name, packageName);
            }
        }
        throw new InvalidInputException(
                "packages-qemu.list",
                "firmware " + name + " is in none of " + String.join(", ", PACKAGED_FIRMWARE_DIRS)
                        + " of the unpacked QEMU packages; list " + packageName + " in packages-qemu.list");
    }

    private static StagedEntry file(StagedTree unpacked, RootfsIndex index, String path, String packageName) {
        if (index.resolve(path) instanceof RootfsIndex.Found found) {
            StagedEntry entry = unpacked.get(found.path());
            if (entry instanceof StagedEntry.HardLink link) {
                entry = unpacked.get(link.targetPath());
            }
            if (entry instanceof StagedEntry.RegularFile file) {
                return file;
            }
        }
        throw new InvalidInputException(
                "packages-qemu.list",
                path + " is not a file in the unpacked QEMU packages; list " + packageName + " in packages-qemu.list");
    }

    private static Map<String, String> firmwarePackages() {
        Map<String, String> packages = new LinkedHashMap<>();
        packages.put("bios-256k.bin", "seabios");
        packages.put("linuxboot_dma.bin", "qemu-system-data");
        packages.put("kvmvapic.bin", "qemu-system-data");
        packages.put("bios-microvm.bin", "qemu-system-data");
        return java.util.Collections.unmodifiableMap(packages);
    }
}
