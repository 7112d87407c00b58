package dev.stage1kvm.rootfs;

/** A line of a file list that does not follow the format {@link FileList} describes. */
public class InvalidFileListException extends InvalidInputException {

    private final int lineNumber;
    private final String line;

    public InvalidFileListException(String listName, int lineNumber, String line, String problem) {
        super(listName + " line " + lineNumber, "'" + line + "': " + problem);
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** Counted from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The line as written. */
    public String line() {
        return line;
    }
}
