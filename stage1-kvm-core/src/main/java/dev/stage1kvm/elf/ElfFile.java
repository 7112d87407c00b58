package dev.stage1kvm.elf;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dynamic loader needs to know about one ELF object.
 *
 * @param source the file or archive member the object was read from, for messages
 * @param elfClass 32 or 64
 * @param byteOrder the object's byte order
 * @param type {@code e_type}: 1 relocatable, 2 executable, 3 shared object or PIE, 4 core
 * @param machine {@code e_machine}, for example 62 for x86-64 and 183 for AArch64
 * @param interpreter the {@code PT_INTERP} path, if any
 * @param hasDynamicSegment whether there is a {@code PT_DYNAMIC} segment
 * @param needed the {@code DT_NEEDED} names in the order they appear
 * @param runpath {@code DT_RUNPATH}, unexpanded
 * @param rpath {@code DT_RPATH}, unexpanded
 * @param soname {@code DT_SONAME}
 */
public record ElfFile(
        String source,
        int elfClass,
        ByteOrder byteOrder,
        int type,
        int machine,
        Optional<String> interpreter,
        boolean hasDynamicSegment,
        List<String> needed,
        Optional<String> runpath,
        Optional<String> rpath,
        Optional<String> soname) {

    /** {@code e_type} of an executable linked at a fixed address. */
    public static final int TYPE_EXECUTABLE = ElfConstants.ET_EXEC;
    /** {@code e_type} of a shared object or a position-independent executable. */
    public static final int TYPE_SHARED = ElfConstants.ET_DYN;
    /** {@code e_machine} of x86-64 (Debian amd64). */
    public static final int MACHINE_X86_64 = ElfConstants.EM_X86_64;
    /** {@code e_machine} of AArch64 (Debian arm64). */
    public static final int MACHINE_AARCH64 = ElfConstants.EM_AARCH64;

    public ElfFile {
        Objects.requireNonNull(source, "source");
        needed = List.copyOf(needed);
    }

    /** Statically linked: neither an interpreter nor a dynamic segment (a static PIE has the latter). */
    public boolean isStatic() {
        return interpreter.isEmpty() && !hasDynamicSegment;
    }

    /** Whether an object of {@code other}'s class, byte order and machine can be loaded alongside this one. */
    public boolean isCompatibleWith(ElfFile other) {
        return elfClass == other.elfClass && byteOrder.equals(other.byteOrder) && machine == other.machine;
    }

    /** A readable name for {@link #machine()}, or the number when it is not one the project knows. */
    public String machineName() {
        return switch (machine) {
            case ElfConstants.EM_386 -> "i386";
            case ElfConstants.EM_MIPS -> "mips";
            case ElfConstants.EM_PPC -> "ppc";
            case ElfConstants.EM_PPC64 -> "ppc64";
            case ElfConstants.EM_S390 -> "s390";
            case ElfConstants.EM_ARM -> "arm";
            case ElfConstants.EM_X86_64 -> "x86-64";
            case ElfConstants.EM_AARCH64 -> "aarch64";
            case ElfConstants.EM_RISCV -> "riscv";
            default -> "machine " + machine;
        };
    }
}
