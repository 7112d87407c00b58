package dev.stage1kvm.elf;

import java.io.IOException;

/** A file is not ELF, or its ELF structures are damaged. Carries the file, the offset and what was expected. */
public final class ElfFormatException extends IOException {

    private final String file;
    private final long offset;
    private final String expected;
    private final String actual;

    public ElfFormatException(String file, long offset, String expected, String actual) {
        super("ELF: " + file + " at offset " + offset + ": expected " + expected + ", found " + actual
                + ". Check that the file is a complete ELF object for this architecture.");
        this.file = file;
        this.offset = offset;
        this.expected = expected;
        this.actual = actual;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
