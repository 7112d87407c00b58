package dev.stage1kvm.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Checks that a build's tools are present before it starts, and reports their versions for the cache key. */
public final class BuildTools {

    /** How long one {@code --version} call may take before it counts as broken. */
    private static final long VERSION_TIMEOUT_SECONDS = 30;

    private final BuildEnvironment environment;

    public BuildTools(BuildEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Fails naming every missing tool with its package, before any work starts.
     *
     * @param what the build that needs them, for the message ("kernel build")
     */
    public void requireAll(String what, List<BuildTool> tools) throws MissingBuildToolException {
        List<BuildTool> missing = new ArrayList<>();
        for (BuildTool tool : tools) {
            boolean present = tool.program() != null
                    ? findProgram(tool.program()).isPresent()
                    : tool.headerPaths().stream().anyMatch(p -> Files.isRegularFile(Path.of(p)));
            if (!present) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingBuildToolException(what, environment.path(), missing);
        }
    }

    /** The program's location on the build PATH. */
    public Optional<Path> findProgram(String program) {
        for (String dir : environment.path().split(":")) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The first non-blank line of {@code --version} for each program among the tools, sorted by name; these go into
     * the cache key so that a compiler upgrade rebuilds.
     */
    public Map<String, String> versions(List<BuildTool> tools) throws IOException, InterruptedException {
        Map<String, String> versions = new TreeMap<>();
        for (BuildTool tool : tools) {
            if (tool.program() != null) {
                versions.put(tool.program(), version(tool.program()));
            }
        }
        return versions;
    }

    private String version(String program) throws IOException, InterruptedException {
        Path executable = findProgram(program)
                .orElseThrow(() -> new IOException(
                        program + " is not on PATH " + environment.path() + "; install it and build again"));
        Process process = environment
                .applyTo(new ProcessBuilder(executable.toString(), "--version"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(executable + " --version did not finish in " + VERSION_TIMEOUT_SECONDS + " s");
        }
        return output.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("");
    }
}
