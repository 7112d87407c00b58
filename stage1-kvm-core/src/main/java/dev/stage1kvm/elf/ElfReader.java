package dev.stage1kvm.elf;

import static dev.stage1kvm.elf.ElfConstants.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ELF header, program headers and dynamic section of 32- and 64-bit objects in either byte order (System V
 * gABI chapters 4 and 5). Section headers are not needed: everything comes from the segments the loader uses. (Kernel
 * modules, which have no segments, are read through their sections by {@link ModuleInfo}.)
 */
public final class ElfReader {

    private final ByteBuffer data;
    private final String source;
    private final boolean is64;

    private ElfReader(ByteBuffer data, String source) throws ElfFormatException {
        this.source = source;
        this.data = data.duplicate().order(byteOrder(data, source));
        this.is64 = elfClass(data, source) == ELFCLASS64;
    }

    /** Reads an ELF file from disk (symlinks are followed by the operating system). */
    public static ElfFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long sizeBytes = channel.size();
            if (sizeBytes > Integer.MAX_VALUE) {
                throw new ElfFormatException(file.toString(), 0, "a file under 2 GiB", sizeBytes + " bytes");
            }
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, sizeBytes), file.toString());
        }
    }

    /**
     * Reads an ELF object held in memory.
     *
     * @param source names the file or archive member in error messages
     */
    public static ElfFile read(ByteBuffer data, String source) throws ElfFormatException {
        return new ElfReader(data, source).parse();
    }

    /** A reader positioned on an object's identification, for the parts of this package that read more than it. */
    static ElfReader open(ByteBuffer data, String source) throws ElfFormatException {
        return new ElfReader(data, source);
    }

    /** Whether a file starts with the ELF magic; false for short or unreadable-as-ELF files. */
    public static boolean hasElfMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF_MAGIC.length), ELF_MAGIC);
        }
    }

    private ElfFile parse() throws ElfFormatException {
        require(0, is64 ? EHDR_SIZE_64 : EHDR_SIZE_32, "a complete ELF header");
        int version = Byte.toUnsignedInt(data.get(EI_VERSION));
        if (version != EV_CURRENT) {
            throw new ElfFormatException(source, EI_VERSION, "EI_VERSION " + EV_CURRENT, String.valueOf(version));
        }
        List<Segment> segments = readProgramHeaders();
        Optional<Segment> interpreterSegment = findSegment(segments, PT_INTERP);
        Optional<String> interpreter =
                interpreterSegment.isPresent() ? Optional.of(interpreter(interpreterSegment.get())) : Optional.empty();
        Optional<Segment> dynamicSegment = findSegment(segments, PT_DYNAMIC);
        DynamicSection dynamic = dynamicSegment.isPresent()
                ? DynamicSection.read(this, dynamicSegment.get(), segments)
                : DynamicSection.EMPTY;
        return new ElfFile(
                source,
                is64 ? 64 : 32,
                data.order(),
                u16(E_TYPE),
                u16(E_MACHINE),
                interpreter,
                dynamicSegment.isPresent(),
                dynamic.needed(),
                dynamic.runpath(),
                dynamic.rpath(),
                dynamic.soname());
    }

    private List<Segment> readProgramHeaders() throws ElfFormatException {
        long phoff = word(is64 ? E_PHOFF_64 : E_PHOFF_32);
        int entrySize = u16(is64 ? E_PHENTSIZE_64 : E_PHENTSIZE_32);
        int count = programHeaderCount();
        if (count == 0) {
            return List.of();
        }
        int minimumEntrySize = is64 ? PHDR_SIZE_64 : PHDR_SIZE_32;
        if (entrySize < minimumEntrySize) {
            throw new ElfFormatException(
                    source,
                    is64 ? E_PHENTSIZE_64 : E_PHENTSIZE_32,
                    "e_phentsize >= " + minimumEntrySize,
                    String.valueOf(entrySize));
        }
        require(phoff, (long) entrySize * count, count + " program headers");
        List<Segment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            segments.add(readSegment(phoff + (long) i * entrySize));
        }
        return segments;
    }

    private int programHeaderCount() throws ElfFormatException {
        int count = u16(is64 ? E_PHNUM_64 : E_PHNUM_32);
        if (count != PN_XNUM) {
            return count;
        }
        long shoff = word(is64 ? E_SHOFF_64 : E_SHOFF_32);
        long infoOffset = shoff + (is64 ? SH_INFO_64 : SH_INFO_32);
        require(infoOffset, 4, "section header 0 holding the extended program header count");
        return (int) u32(infoOffset);
    }

    private Segment readSegment(long at) throws ElfFormatException {
        int type = (int) u32(at + P_TYPE);
        long offset = word(at + (is64 ? P_OFFSET_64 : P_OFFSET_32));
        long vaddr = word(at + (is64 ? P_VADDR_64 : P_VADDR_32));
        long fileSize = word(at + (is64 ? P_FILESZ_64 : P_FILESZ_32));
        return new Segment(at, type, offset, vaddr, fileSize);
    }

    private static Optional<Segment> findSegment(List<Segment> segments, int type) {
        return segments.stream().filter(s -> s.type() == type).findFirst();
    }

    private String interpreter(Segment segment) throws ElfFormatException {
        require(segment.offset(), segment.fileSize(), "the PT_INTERP path");
        return string(segment.offset(), segment.offset() + segment.fileSize());
    }

    boolean is64() {
        return is64;
    }

    String source() {
        return source;
    }

    /** Reads a NUL-terminated string starting at {@code offset}, never reading at or past {@code limit}. */
    String string(long offset, long limit) throws ElfFormatException {
        long end = Math.min(limit, data.limit());
        for (long i = offset; i < end; i++) {
            if (data.get((int) i) == 0) {
                byte[] bytes = new byte[(int) (i - offset)];
                data.get((int) offset, bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        throw new ElfFormatException(source, offset, "a NUL-terminated string before offset " + end, "no NUL");
    }

    void require(long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset + length > data.limit()) {
            throw new ElfFormatException(
                    source, offset, what + " (" + length + " bytes)", "end of file at " + data.limit());
        }
    }

    int u16(long offset) throws ElfFormatException {
        require(offset, 2, "a 16-bit field");
        return Short.toUnsignedInt(data.getShort((int) offset));
    }

    long u32(long offset) throws ElfFormatException {
        require(offset, 4, "a 32-bit field");
        return Integer.toUnsignedLong(data.getInt((int) offset));
    }

    /** A field that is 4 bytes in ELF32 and 8 in ELF64 (Addr, Off, Xword, Sxword). */
    long word(long offset) throws ElfFormatException {
        if (!is64) {
            return u32(offset);
        }
        require(offset, 8, "a 64-bit field");
        return data.getLong((int) offset);
    }

    private static int elfClass(ByteBuffer data, String source) throws ElfFormatException {
        checkMagic(data, source);
        int elfClass = Byte.toUnsignedInt(data.get(EI_CLASS));
        if (elfClass != ELFCLASS32 && elfClass != ELFCLASS64) {
            throw new ElfFormatException(source, EI_CLASS, "ELFCLASS32 (1) or ELFCLASS64 (2)", "" + elfClass);
        }
        return elfClass;
    }

    private static ByteOrder byteOrder(ByteBuffer data, String source) throws ElfFormatException {
        checkMagic(data, source);
        int encoding = Byte.toUnsignedInt(data.get(EI_DATA));
        return switch (encoding) {
            case ELFDATA2LSB -> ByteOrder.LITTLE_ENDIAN;
            case ELFDATA2MSB -> ByteOrder.BIG_ENDIAN;
            default ->
                throw new ElfFormatException(
                        source, EI_DATA, "ELFDATA2LSB (1) or ELFDATA2MSB (2)", String.valueOf(encoding));
        };
    }

    private static void checkMagic(ByteBuffer data, String source) throws ElfFormatException {
        if (data.limit() < EI_NIDENT) {
            throw new ElfFormatException(source, 0, "an ELF identification of 16 bytes", data.limit() + " bytes");
        }
        byte[] magic = new byte[ELF_MAGIC.length];
        data.get(0, magic);
        if (!Arrays.equals(magic, ELF_MAGIC)) {
            throw new ElfFormatException(source, 0, "magic 7f 45 4c 46", hex(magic));
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%02x", b));
        }
        return out.toString();
    }

    /** One program header: where the segment is in the file and in memory. */
    record Segment(long headerOffset, int type, long offset, long vaddr, long fileSize) {}
}
