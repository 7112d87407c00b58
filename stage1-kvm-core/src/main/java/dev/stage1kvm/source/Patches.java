package dev.stage1kvm.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Applies patch files to a source tree with {@code patch -p1 --forward --batch}, in the fixed build environment. */
public final class Patches {

    /** How many lines of the log a failed patch quotes. */
    private static final int FAILURE_TAIL_LINES = 10;

    /** What applying patches needs on the host. */
    public static final BuildTool PATCH = BuildTool.program("patch", "patch");

    private Patches() {}

    /**
     * Applies each patch in order, appending patch's output to {@code logFile}.
     *
     * @throws BuildFailedException naming the patch that did not apply, with the log's last lines
     */
    public static void apply(BuildEnvironment environment, List<Path> patches, Path source, Path logFile)
            throws IOException, InterruptedException, BuildFailedException {
        for (Path patch : patches) {
            String command = "patch -p1 --forward --batch -i " + patch.toAbsolutePath();
            Process process = environment
                    .applyTo(new ProcessBuilder(command.split(" ")))
                    .directory(source.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            int exitCode = process.waitFor();
            if (exitCode != 0) {
                List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                throw new BuildFailedException(
                        command,
                        source,
                        exitCode,
                        logFile,
                        lines.subList(Math.max(0, lines.size() - FAILURE_TAIL_LINES), lines.size()));
            }
        }
    }
}
