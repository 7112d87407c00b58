package dev.stage1kvm.elf;

import static dev.stage1kvm.elf.ElfConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The section header table (gABI 4, "Sections"), found through {@code e_shoff}, {@code e_shentsize}, {@code e_shnum}
 * and {@code e_shstrndx}, extended numbering included; names come from the section name string table. Relocatable
 * objects such as kernel modules have no program headers: their contents are found through this table.
 */
final class SectionHeaders {

    /** One section: its name, {@code sh_type}, and where its bytes are in the file. */
    record Section(String name, int type, long offset, long sizeBytes) {}

    /** A header's fields before its name is looked up. */
    private record Raw(long nameOffset, int type, long offset, long sizeBytes) {}

    private final ElfReader reader;
    private final boolean is64;

    private SectionHeaders(ElfReader reader) {
        this.reader = reader;
        this.is64 = reader.is64();
    }

    /** The first section called {@code name}, if the object has one. */
    static Optional<Section> find(ElfReader reader, String name) throws ElfFormatException {
        for (Section section : read(reader)) {
            if (section.name().equals(name)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /** Every section in table order; empty when the object has no section header table. */
    static List<Section> read(ElfReader reader) throws ElfFormatException {
        return new SectionHeaders(reader).sections();
    }

    private List<Section> sections() throws ElfFormatException {
        long tableOffset = reader.word(is64 ? E_SHOFF_64 : E_SHOFF_32);
        if (tableOffset == 0) {
            return List.of();
        }
        int entrySize = entrySize();
        reader.require(tableOffset, entrySize, "section header 0");
        long count = reader.u16(is64 ? E_SHNUM_64 : E_SHNUM_32);
        if (count == 0) {
            count = reader.word(tableOffset + (is64 ? SH_SIZE_64 : SH_SIZE_32));
        }
        reader.require(tableOffset, entrySize * count, count + " section headers");
        Raw names = raw(tableOffset + entrySize * nameTableIndex(tableOffset, count));
        reader.require(names.offset(), names.sizeBytes(), "the section name string table");
        List<Section> sections = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long headerOffset = tableOffset + entrySize * i;
            Raw raw = raw(headerOffset);
            sections.add(new Section(name(raw, names, headerOffset), raw.type(), raw.offset(), raw.sizeBytes()));
        }
        return sections;
    }

    private int entrySize() throws ElfFormatException {
        int field = is64 ? E_SHENTSIZE_64 : E_SHENTSIZE_32;
        int entrySize = reader.u16(field);
        int minimum = is64 ? SHDR_SIZE_64 : SHDR_SIZE_32;
        if (entrySize < minimum) {
            throw new ElfFormatException(reader.source(), field, "e_shentsize >= " + minimum, "" + entrySize);
        }
        return entrySize;
    }

    private long nameTableIndex(long tableOffset, long count) throws ElfFormatException {
        int field = is64 ? E_SHSTRNDX_64 : E_SHSTRNDX_32;
        long index = reader.u16(field);
        if (index == SHN_XINDEX) {
            index = reader.u32(tableOffset + (is64 ? SH_LINK_64 : SH_LINK_32));
        }
        if (index == SHN_UNDEF || index >= count) {
            throw new ElfFormatException(
                    reader.source(), field, "a section name table index from 1 to " + (count - 1), "" + index);
        }
        return index;
    }

    private Raw raw(long headerOffset) throws ElfFormatException {
        return new Raw(
                reader.u32(headerOffset + SH_NAME),
                (int) reader.u32(headerOffset + SH_TYPE),
                reader.word(headerOffset + (is64 ? SH_OFFSET_64 : SH_OFFSET_32)),
                reader.word(headerOffset + (is64 ? SH_SIZE_64 : SH_SIZE_32)));
    }

    private String name(Raw raw, Raw names, long headerOffset) throws ElfFormatException {
        if (raw.nameOffset() >= names.sizeBytes()) {
            throw new ElfFormatException(
                    reader.source(),
                    headerOffset + SH_NAME,
                    "an sh_name below the name table's size " + names.sizeBytes(),
                    "" + raw.nameOffset());
        }
        long start = names.offset() + raw.nameOffset();
        return reader.string(start, names.offset() + names.sizeBytes());
    }
}
