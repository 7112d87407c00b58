package dev.stage1kvm.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code stage1-kvm} command (the launcher's shaded jar, as users run it) against the stage1 image
 * the {@code default-image} invoker project built, with its pods and image store in folders of the test's own.
 */
final class Launcher {

    /** Far above a pod's run under TCG on a busy 2-core machine (under 15 s); a hang fails instead of blocking. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path runtimeDir;
    private final Path dataHome;

    Launcher(Path runtimeDir, Path dataHome) {
        this.runtimeDir = runtimeDir;
        this.dataHome = dataHome;
    }

    /** The {@code stage1-kvm} script of the unpacked distribution, which starts the jar with its start-up options. */
    static Path script() {
        return existing(
                "stage1.it.launcherScript",
                "the stage1-kvm script of the launcher's distribution (build stage1-kvm-launcher first)");
    }

    static Path stage1Image() {
        return existing(
                "stage1.it.stage1Image",
                "the stage1 image of the default-image invoker project (run the it module without -Dinvoker.test,"
                        + " or with -Dinvoker.test=default-image)");
    }

    private static Path existing(String property, String what) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            fail("missing " + what + ": system property " + property + " is " + value);
        }
        return Path.of(value);
    }

    /** The folder the launcher keeps this test's pods in. */
    Path podsFolder() {
        return runtimeDir.resolve("stage1-kvm/pods");
    }

    /** Starts {@code stage1-kvm ARGS...} with stdout and stderr merged. */
    Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment(builder.environment(), runtimeDir, dataHome);
        return builder.start();
    }

    /** The environment of a launcher under test: its folders inside the test's own. */
    static void environment(Map<String, String> environment, Path runtimeDir, Path dataHome) {
        environment.put("XDG_RUNTIME_DIR", runtimeDir.toString());
        environment.put("XDG_DATA_HOME", dataHome.toString());
        environment.put("XDG_CACHE_HOME", dataHome.resolveSibling("e2e-cache").toString());
    }

    /** Runs {@code stage1-kvm ARGS...} to its end. */
    Result run(String... args) throws IOException, InterruptedException {
        return finish(start(List.of(args)));
    }

    /** Waits for a started launcher, failing the test if it outlives {@link #TIMEOUT}. */
    static Result finish(Process process) throws IOException, InterruptedException {
        return finish(process, new StringBuilder());
    }

    static Result finish(Process process, StringBuilder alreadyRead) throws IOException, InterruptedException {
        StringBuilder output = new StringBuilder(alreadyRead);
        // the reader Process hands out is one per process, so lines a test already read are not read twice
        Thread reader = new Thread(() -> copy(process.inputReader(StandardCharsets.UTF_8), output), "launcher output");
        reader.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            reader.join();
            fail("stage1-kvm did not end within " + TIMEOUT + "; its output:\n" + output);
        }
        reader.join();
        return new Result(process.exitValue(), output.toString());
    }

    private static void copy(Reader in, StringBuilder out) {
        char[] buffer = new char[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.append(buffer, 0, n);
            }
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }

    /** Writes {@code bytes} to a started launcher's stdin. */
    static void type(Process process, byte[] bytes) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(bytes);
        in.flush();
    }

    record Result(int exitCode, String output) {}
}
