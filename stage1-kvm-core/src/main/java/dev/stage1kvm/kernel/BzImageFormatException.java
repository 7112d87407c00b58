package dev.stage1kvm.kernel;

import java.io.IOException;

/** A file is not an x86 bzImage, or its boot header or payload is damaged. */
public final class BzImageFormatException extends IOException {

    private final String file;
    private final long offset;

    public BzImageFormatException(String file, long offset, String expected, String actual) {
        super("bzImage: " + file + " at offset 0x" + Long.toHexString(offset) + ": expected " + expected + ", found "
                + actual + ". Give the kernel's arch/x86/boot/bzImage (a vmlinux or an arm64 Image is not one).");
        this.file = file;
        this.offset = offset;
    }

    public BzImageFormatException(String file, long offset, String problem, Throwable cause) {
        super("bzImage: " + file + " at offset 0x" + Long.toHexString(offset) + ": " + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
