package dev.stage1kvm.elf;

import static dev.stage1kvm.elf.ElfConstants.*;

import dev.stage1kvm.elf.ElfReader.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entries of the {@code PT_DYNAMIC} segment the loader uses to find libraries (gABI 5, "Dynamic Section"). String
 * values are offsets into the table at {@code DT_STRTAB}, a virtual address turned into a file offset through the
 * {@code PT_LOAD} segment that maps it.
 */
record DynamicSection(List<String> needed, Optional<String> runpath, Optional<String> rpath, Optional<String> soname) {

    static final DynamicSection EMPTY =
            new DynamicSection(List.of(), Optional.empty(), Optional.empty(), Optional.empty());

    static DynamicSection read(ElfReader reader, Segment dynamic, List<Segment> segments) throws ElfFormatException {
        List<long[]> entries = entries(reader, dynamic);
        long strtabAddress = value(entries, DT_STRTAB)
                .orElseThrow(() -> new ElfFormatException(
                        reader.source(), dynamic.offset(), "a DT_STRTAB entry in the dynamic segment", "none"));
        long strtabOffset = fileOffset(reader, segments, strtabAddress, dynamic);
        long strtabEnd = strtabOffset + value(entries, DT_STRSZ).orElse(Long.MAX_VALUE - strtabOffset);
        StringTable strings = new StringTable(reader, dynamic.offset(), strtabOffset, strtabEnd);
        List<String> needed = new ArrayList<>();
        for (long[] entry : entries) {
            if (entry[0] == DT_NEEDED) {
                needed.add(strings.get(entry[1]));
            }
        }
        return new DynamicSection(
                needed,
                strings.find(entries, DT_RUNPATH),
                strings.find(entries, DT_RPATH),
                strings.find(entries, DT_SONAME));
    }

    /** The dynamic string table: d_val of string entries are offsets into it, bounded by DT_STRSZ. */
    private record StringTable(ElfReader reader, long dynamicOffset, long start, long end) {

        String get(long offset) throws ElfFormatException {
            if (offset < 0 || start + offset >= end) {
                throw new ElfFormatException(
                        reader.source(), dynamicOffset, "a string offset below DT_STRSZ", Long.toString(offset));
            }
            return reader.string(start + offset, end);
        }

        Optional<String> find(List<long[]> entries, long tag) throws ElfFormatException {
            Optional<Long> offset = value(entries, tag);
            return offset.isPresent() ? Optional.of(get(offset.get())) : Optional.empty();
        }
    }

    /** The (tag, value) pairs up to DT_NULL or the end of the segment's file bytes. */
    private static List<long[]> entries(ElfReader reader, Segment dynamic) throws ElfFormatException {
        reader.require(dynamic.offset(), dynamic.fileSize(), "the PT_DYNAMIC segment");
        int entrySize = reader.is64() ? DYN_SIZE_64 : DYN_SIZE_32;
        List<long[]> entries = new ArrayList<>();
        for (long at = dynamic.offset(); at + entrySize <= dynamic.offset() + dynamic.fileSize(); at += entrySize) {
            long tag = reader.word(at);
            if (tag == DT_NULL) {
                break;
            }
            entries.add(new long[] {tag, reader.word(at + entrySize / 2)});
        }
        return entries;
    }

    private static Optional<Long> value(List<long[]> entries, long tag) {
        return entries.stream().filter(e -> e[0] == tag).map(e -> e[1]).findFirst();
    }

    private static long fileOffset(ElfReader reader, List<Segment> segments, long address, Segment dynamic)
            throws ElfFormatException {
        for (Segment s : segments) {
            if (s.type() == PT_LOAD && address >= s.vaddr() && address - s.vaddr() < s.fileSize()) {
                return s.offset() + (address - s.vaddr());
            }
        }
        throw new ElfFormatException(
                reader.source(),
                dynamic.offset(),
                "DT_STRTAB address 0x" + Long.toHexString(address) + " inside a PT_LOAD segment",
                "no such segment");
    }
}
