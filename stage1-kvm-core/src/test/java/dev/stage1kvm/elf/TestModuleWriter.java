package dev.stage1kvm.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes minimal relocatable ELF objects shaped like kernel modules for tests, laid out by hand from the gABI tables
 * independently of the reader's constants: ELF header, {@code .modinfo} bytes, {@code .shstrtab}, then the section
 * header table (null section, {@code .modinfo}, {@code .shstrtab}).
 */
public final class TestModuleWriter {
    int elfClass = 64;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int type = 1;
    String sectionName = ".modinfo";
    byte[] modinfo;
    /** Writes e_shnum 0 and e_shstrndx SHN_XINDEX, with the real values in section header 0. */
    boolean extendedNumbering;

    /** A module whose {@code .modinfo} holds these strings, each NUL-terminated. */
    public static TestModuleWriter module(String... strings) {
        TestModuleWriter writer = new TestModuleWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String string : strings) {
            bytes.writeBytes((string + "\0").getBytes(StandardCharsets.UTF_8));
        }
        writer.modinfo = bytes.toByteArray();
        return writer;
    }

    public byte[] bytes() {
        boolean is64 = elfClass == 64;
        int ehdrSize = is64 ? 64 : 52;
        int shdrSize = is64 ? 64 : 40;
        byte[] names = ("\0" + sectionName + "\0.shstrtab\0").getBytes(StandardCharsets.US_ASCII);
        int modinfoOffset = ehdrSize;
        int namesOffset = modinfoOffset + modinfo.length;
        int tableOffset = (namesOffset + names.length + 7) & ~7;
        int total = tableOffset + 3 * shdrSize;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.put(new byte[] {
            0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1
        });
        b.putShort(16, (short) type).putShort(18, (short) (is64 ? 62 : 3)).putInt(20, 1);
        int shnum = extendedNumbering ? 0 : 3;
        int shstrndx = extendedNumbering ? 0xffff : 2;
        if (is64) {
            b.putLong(40, tableOffset).putShort(52, (short) ehdrSize).putShort(58, (short) shdrSize);
            b.putShort(60, (short) shnum).putShort(62, (short) shstrndx);
        } else {
            b.putInt(32, tableOffset).putShort(40, (short) ehdrSize).putShort(46, (short) shdrSize);
            b.putShort(48, (short) shnum).putShort(50, (short) shstrndx);
        }
        b.put(modinfoOffset, modinfo).put(namesOffset, names);
        if (extendedNumbering) {
            section(b, tableOffset, 0, 0, 0, 3, 2);
        }
        section(b, tableOffset + shdrSize, 1, 1, modinfoOffset, modinfo.length, 0);
        section(b, tableOffset + 2 * shdrSize, 2 + sectionName.length(), 3, namesOffset, names.length, 0);
        return b.array();
    }

    /** One section header: sh_name, sh_type, sh_offset, sh_size, sh_link. */
    private void section(ByteBuffer b, int at, int name, int shType, long offset, long size, int link) {
        b.putInt(at, name).putInt(at + 4, shType);
        if (elfClass == 64) {
            b.putLong(at + 24, offset).putLong(at + 32, size).putInt(at + 40, link);
        } else {
            b.putInt(at + 16, (int) offset).putInt(at + 20, (int) size).putInt(at + 24, link);
        }
    }
}
