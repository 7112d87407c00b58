package dev.stage1kvm.lkvm;

import java.nio.file.Path;

/** A file offered as lkvm is not a statically linked x86-64 ELF executable. */
public final class LkvmBinaryException extends Exception {

    private final Path file;

    public LkvmBinaryException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public LkvmBinaryException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }
}
