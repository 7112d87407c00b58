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
        List<String> needed = new ArrayList<>();
        Optional<String> runpath = Optional.empty();
        Optional<String> rpath = Optional.empty();
        Optional<String> soname = Optional.empty();
        for (long[] entry : entries) {
            if (entry[0] == DT_NEEDED || entry[0] == DT_RUNPATH || entry[0] == DT_RPATH || entry[0] == DT_SONAME) {
                if (entry[1] < 0 || strtabOffset + entry[1] >= strtabEnd) {
                    throw new ElfFormatException(
                            reader.source(), dynamic.offset(), "a string offset below DT_STRSZ", "" + entry[1]);
                }
                String text = reader.string(strtabOffset + entry[1], strtabEnd);
                if (entry[0] == DT_NEEDED) {
                    needed.add(text);
                } else if (entry[0] == DT_RUNPATH) {
                    runpath = Optional.of(text);
                } else if (entry[0] == DT_RPATH) {
                    rpath = Optional.of(text);
                } else {
                    soname = Optional.of(text);
                }
            }
        }
        return new DynamicSection(needed, runpath, rpath, soname);
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
