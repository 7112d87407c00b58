package dev.stage1kvm.source;

import java.nio.file.Path;
import java.util.List;

/** A build command exited with an error. The message points at the kept log and shows its last lines. */
public final class BuildFailedException extends Exception {

    private final String command;
    private final Path directory;
    private final int exitCode;
    private final Path logFile;
    private final List<String> lastLines;

    public BuildFailedException(String command, Path directory, int exitCode, Path logFile, List<String> lastLines) {
        this(command, directory, exitCode, logFile, logFile.toString(), lastLines);
    }

    private BuildFailedException(
            String command, Path directory, int exitCode, Path logFile, String logWhere, List<String> lastLines) {
        super("'" + command + "' failed with exit code " + exitCode + " in " + directory + "; the full log is "
                + logWhere + ". Its last " + lastLines.size() + " lines:\n  " + String.join("\n  ", lastLines));
        this.command = command;
        this.directory = directory;
        this.exitCode = exitCode;
        this.logFile = logFile;
        this.lastLines = List.copyOf(lastLines);
    }

    /** The same failure, pointing at a copy of its log kept elsewhere (beside the images); the original stays. */
    public BuildFailedException withLogCopy(Path copy) {
        BuildFailedException kept = new BuildFailedException(
                command, directory, exitCode, copy, copy + " (also " + logFile + ")", lastLines);
        kept.initCause(this);
        return kept;
    }

    public String command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> lastLines() {
        return lastLines;
    }
}
