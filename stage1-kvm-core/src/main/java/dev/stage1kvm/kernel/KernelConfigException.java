package dev.stage1kvm.kernel;

import java.io.IOException;

/** A kernel config, fragment or required-options file has a line the project cannot read. */
public final class KernelConfigException extends IOException {

    private final String source;
    private final int lineNumber;
    private final String line;

    public KernelConfigException(String source, int lineNumber, String line, String expected) {
        super(source + ":" + lineNumber + ": expected " + expected + ", found '" + line
                + "'. Fix or remove that line.");
        this.source = source;
        this.lineNumber = lineNumber;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public String line() {
        return line;
    }
}
