package dev.stage1kvm.source;

import java.nio.file.Path;
import java.util.List;

/** A build command exited with an error. The message points at the kept log and shows its last lines. */
public final class BuildFailedException extends Exception {

    private final String command;
    private final int exitCode;
    private final Path logFile;
    private final List<String> lastLines;

    public BuildFailedException(String command, Path directory, int exitCode, Path logFile, List<String> lastLines) {
        super("'" + command + "' failed with exit code " + exitCode + " in " + directory + "; the full log is "
                + logFile + ". Its last " + lastLines.size() + " lines:\n  " + String.join("\n  ", lastLines));
        this.command = command;
        this.exitCode = exitCode;
        this.logFile = logFile;
        this.lastLines = List.copyOf(lastLines);
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
