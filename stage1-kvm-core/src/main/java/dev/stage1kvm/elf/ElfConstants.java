package dev.stage1kvm.elf;

/**
 * Offsets, sizes and values of the ELF format, as defined by the System V Application Binary Interface, generic ABI
 * (gABI), chapter 4 "Object Files" (ELF header, e_ident, program header) and chapter 5 "Program Loading and Dynamic
 * Linking" (dynamic section). Offsets are in bytes from the start of the structure they belong to.
 */
final class ElfConstants {

    private ElfConstants() {}

    // gABI 4, "ELF Identification": e_ident[] indexes and values.
    static final int EI_NIDENT = 16;
    static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    static final int EI_CLASS = 4;
    static final int ELFCLASS32 = 1;
    static final int ELFCLASS64 = 2;
    static final int EI_DATA = 5;
    static final int ELFDATA2LSB = 1;
    static final int ELFDATA2MSB = 2;
    static final int EI_VERSION = 6;
    static final int EV_CURRENT = 1;

    // gABI 4, "ELF Header": fields after e_ident. Elf32_Ehdr / Elf64_Ehdr.
    static final int E_TYPE = 16;
    static final int E_MACHINE = 18;
    static final int E_PHOFF_32 = 28;
    static final int E_PHOFF_64 = 32;
    static final int E_SHOFF_32 = 32;
    static final int E_SHOFF_64 = 40;
    static final int E_PHENTSIZE_32 = 42;
    static final int E_PHENTSIZE_64 = 54;
    static final int E_PHNUM_32 = 44;
    static final int E_PHNUM_64 = 56;
    static final int EHDR_SIZE_32 = 52;
    static final int EHDR_SIZE_64 = 64;

    // gABI 4, "ELF Header": where the section header table is described.
    static final int E_SHENTSIZE_32 = 46;
    static final int E_SHENTSIZE_64 = 58;
    static final int E_SHNUM_32 = 48;
    static final int E_SHNUM_64 = 60;
    static final int E_SHSTRNDX_32 = 50;
    static final int E_SHSTRNDX_64 = 62;

    // gABI 4, "Sections", extended numbering: e_phnum == PN_XNUM means section header 0's sh_info holds the count.
    static final int PN_XNUM = 0xffff;
    static final int SH_INFO_32 = 28;
    static final int SH_INFO_64 = 44;
    // e_shnum == 0 (with a table present) means section header 0's sh_size holds the count; e_shstrndx ==
    // SHN_XINDEX means its sh_link holds the index of the section name table.
    static final int SHN_UNDEF = 0;
    static final int SHN_XINDEX = 0xffff;

    // gABI 4, "Section Header": Elf32_Shdr / Elf64_Shdr field offsets and sizes.
    static final int SHDR_SIZE_32 = 40;
    static final int SHDR_SIZE_64 = 64;
    static final int SH_NAME = 0;
    static final int SH_TYPE = 4;
    static final int SH_OFFSET_32 = 16;
    static final int SH_OFFSET_64 = 24;
    static final int SH_SIZE_32 = 20;
    static final int SH_SIZE_64 = 32;
    static final int SH_LINK_32 = 24;
    static final int SH_LINK_64 = 40;

    // gABI 4, "Section Types" (sh_type): a section that occupies no bytes in the file.
    static final int SHT_NOBITS = 8;

    // gABI 4, "Object file type" (e_type).
    static final int ET_REL = 1;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;
    static final int ET_CORE = 4;

    // gABI 4, "Required machine architecture" (e_machine); values from the current gABI registry.
    static final int EM_386 = 3;
    static final int EM_MIPS = 8;
    static final int EM_PPC = 20;
    static final int EM_PPC64 = 21;
    static final int EM_S390 = 22;
    static final int EM_ARM = 40;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final int EM_RISCV = 243;

    // gABI 5, "Program Header": Elf32_Phdr / Elf64_Phdr field offsets and sizes.
    static final int PHDR_SIZE_32 = 32;
    static final int PHDR_SIZE_64 = 56;
    static final int P_TYPE = 0;
    static final int P_OFFSET_32 = 4;
    static final int P_OFFSET_64 = 8;
    static final int P_VADDR_32 = 8;
    static final int P_VADDR_64 = 16;
    static final int P_FILESZ_32 = 16;
    static final int P_FILESZ_64 = 32;

    // gABI 5, "Segment types" (p_type).
    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_INTERP = 3;

    // gABI 5, "Dynamic Section": Elf32_Dyn is {Sword d_tag; Word d_val}, Elf64_Dyn is {Sxword d_tag; Xword d_val}.
    static final int DYN_SIZE_32 = 8;
    static final int DYN_SIZE_64 = 16;

    // gABI 5, "Dynamic Array Tags" (d_tag).
    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_STRTAB = 5;
    static final long DT_STRSZ = 10;
    static final long DT_SONAME = 14;
    static final long DT_RPATH = 15;
    static final long DT_RUNPATH = 29;
}
