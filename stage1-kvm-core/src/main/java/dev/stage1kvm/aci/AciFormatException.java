package dev.stage1kvm.aci;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An archive that is not a valid ACI. The message has one shape: {@code <file>: entry '<name>' (at byte offset N of
 * the tar): <problem>}, or {@code <file>: at byte offset N of the tar: <problem>} when no entry could be named.
 */
public final class AciFormatException extends IOException {

    private final Path file;
    private final String entryName;
    private final long tarOffset;
    private final String problem;

    AciFormatException(Path file, String entryName, long tarOffset, String problem) {
        this(file, entryName, tarOffset, problem, null);
    }

    AciFormatException(Path file, String entryName, long tarOffset, String problem, Throwable cause) {
        super(
                file + ": " + (entryName == null ? "" : "entry '" + entryName + "' (") + "at byte offset " + tarOffset
                        + " of the tar" + (entryName == null ? "" : ")") + ": " + problem,
                cause);
        this.file = file;
        this.entryName = entryName;
        this.tarOffset = tarOffset;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The entry's name as found in the archive, or {@code null} when the error is not about one entry. */
    public String entryName() {
        return entryName;
    }

    public long tarOffset() {
        return tarOffset;
    }

    public String problem() {
        return problem;
    }
}
