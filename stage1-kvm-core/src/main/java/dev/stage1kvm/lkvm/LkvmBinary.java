package dev.stage1kvm.lkvm;

import dev.stage1kvm.elf.ElfFile;
import dev.stage1kvm.elf.ElfFormatException;
import dev.stage1kvm.elf.ElfReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The checks an lkvm binary must pass to go into a stage1 image. The image carries no libraries for lkvm, so it must
 * be statically linked, and it runs on the amd64 host that runs the pod.
 */
public final class LkvmBinary {

    /** The host architecture stage1 images with lkvm are built for (rkt built lkvm for amd64 only). */
    public static final int REQUIRED_MACHINE = ElfFile.MACHINE_X86_64;

    private LkvmBinary() {}

    /**
     * Reads {@code file}'s ELF headers and refuses anything but a static x86-64 executable.
     *
     * @param what names the file in the message ("the prebuilt <lkvm>", "lkvm-static built from ...")
     * @return what was read, for logging
     */
    public static ElfFile requireStaticX8664(Path file, String what) throws IOException, LkvmBinaryException {
        ElfFile elf;
        try {
            elf = ElfReader.read(file);
        } catch (ElfFormatException e) {
            throw new LkvmBinaryException(
                    file,
                    what + " " + file + " is not an ELF file (" + e.getMessage()
                            + "); lkvm must be kvmtool's lkvm-static executable",
                    e);
        }
        if (elf.machine() != REQUIRED_MACHINE) {
            throw new LkvmBinaryException(
                    file,
                    what + " " + file + " is built for " + elf.machineName()
                            + ", expected x86-64; build kvmtool for amd64");
        }
        if (elf.type() != ElfFile.TYPE_EXECUTABLE && elf.type() != ElfFile.TYPE_SHARED) {
            throw new LkvmBinaryException(
                    file,
                    what + " " + file + " is ELF type " + elf.type()
                            + ", not an executable; give kvmtool's linked lkvm-static");
        }
        if (!elf.isStatic()) {
            throw new LkvmBinaryException(
                    file,
                    what + " " + file + " is dynamically linked"
                            + elf.interpreter()
                                    .map(i -> " (interpreter " + i + ")")
                                    .orElse("")
                            + "; the stage1 image has no libraries for it, so link it statically"
                            + " (make lkvm-static, which needs the static C library from libc6-dev)");
        }
        return elf;
    }
}
