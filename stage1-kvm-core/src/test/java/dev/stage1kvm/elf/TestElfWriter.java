package dev.stage1kvm.elf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes minimal ELF objects for tests, laid out by hand from the gABI tables independently of the reader's constants:
 * header, program headers (PT_LOAD over the whole file, then PT_INTERP and PT_DYNAMIC when wanted), interpreter
 * string, string table, dynamic array.
 */
final class TestElfWriter {
    int elfClass = 64;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int type = 3;
    int machine = 62;
    String interpreter;
    boolean dynamic = true;
    List<String> needed = new ArrayList<>();
    String runpath;
    String rpath;
    String soname;

    static TestElfWriter library(String soname, String... needed) {
        TestElfWriter w = new TestElfWriter();
        w.soname = soname;
        w.needed.addAll(List.of(needed));
        return w;
    }

    static TestElfWriter executable(String interpreter, String... needed) {
        TestElfWriter w = new TestElfWriter();
        w.type = 2;
        w.interpreter = interpreter;
        w.needed.addAll(List.of(needed));
        return w;
    }

    TestElfWriter runpath(String value) {
        runpath = value;
        return this;
    }

    TestElfWriter rpath(String value) {
        rpath = value;
        return this;
    }

    TestElfWriter elf32() {
        elfClass = 32;
        machine = 3;
        return this;
    }

    Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes());
    }

    byte[] bytes() {
        boolean is64 = elfClass == 64;
        int ehdrSize = is64 ? 64 : 52;
        int phdrSize = is64 ? 56 : 32;
        int phnum = 1 + (interpreter != null ? 1 : 0) + (dynamic ? 1 : 0);
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        List<long[]> dyn = new ArrayList<>();
        for (String n : needed) {
            dyn.add(new long[] {1, add(strtab, n)});
        }
        if (soname != null) {
            dyn.add(new long[] {14, add(strtab, soname)});
        }
        if (rpath != null) {
            dyn.add(new long[] {15, add(strtab, rpath)});
        }
        if (runpath != null) {
            dyn.add(new long[] {29, add(strtab, runpath)});
        }
        byte[] interp = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        int interpOffset = ehdrSize + phnum * phdrSize;
        int strtabOffset = interpOffset + interp.length;
        int dynOffset = strtabOffset + strtab.size();
        int dynEntry = is64 ? 16 : 8;
        dyn.add(new long[] {5, strtabOffset});
        dyn.add(new long[] {10, strtab.size()});
        dyn.add(new long[] {0, 0});
        int total = dynOffset + dyn.size() * dynEntry;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.put(new byte[] {
            0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1
        });
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        if (is64) {
            b.putLong(32, ehdrSize).putShort(52, (short) ehdrSize).putShort(54, (short) phdrSize);
            b.putShort(56, (short) phnum);
        } else {
            b.putInt(28, ehdrSize).putShort(40, (short) ehdrSize).putShort(42, (short) phdrSize);
            b.putShort(44, (short) phnum);
        }
        int ph = ehdrSize;
        phdr(b, ph, 1, 0, total);
        ph += phdrSize;
        if (interpreter != null) {
            phdr(b, ph, 3, interpOffset, interp.length);
            ph += phdrSize;
        }
        if (dynamic) {
            phdr(b, ph, 2, dynOffset, dyn.size() * dynEntry);
        }
        b.put(interpOffset, interp).put(strtabOffset, strtab.toByteArray());
        for (int i = 0; i < dyn.size(); i++) {
            word(b, dynOffset + i * dynEntry, dyn.get(i)[0]);
            word(b, dynOffset + i * dynEntry + dynEntry / 2, dyn.get(i)[1]);
        }
        return b.array();
    }

    private void phdr(ByteBuffer b, int at, int ptype, long offset, long size) {
        b.putInt(at, ptype);
        if (elfClass == 64) {
            b.putLong(at + 8, offset)
                    .putLong(at + 16, offset)
                    .putLong(at + 32, size)
                    .putLong(at + 40, size);
        } else {
            b.putInt(at + 4, (int) offset).putInt(at + 8, (int) offset).putInt(at + 16, (int) size);
            b.putInt(at + 20, (int) size);
        }
    }

    private void word(ByteBuffer b, int at, long value) {
        if (elfClass == 64) {
            b.putLong(at, value);
        } else {
            b.putInt(at, (int) value);
        }
    }

    private static long add(ByteArrayOutputStream table, String s) {
        long offset = table.size();
        table.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
        return offset;
    }
}
