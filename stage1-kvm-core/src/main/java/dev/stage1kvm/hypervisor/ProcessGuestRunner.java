package dev.stage1kvm.hypervisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** Runs a hypervisor as a child process with stdin closed, stdout discarded and stderr kept in a temporary file. */
public final class ProcessGuestRunner implements GuestRunner {

    @Override
    public Outcome run(List<String> argv, Map<String, String> environment, Duration timeout) throws IOException {
        Path stderr = Files.createTempFile("stage1-kvm-probe", ".err");
        stderr.toFile().deleteOnExit(); // removed by the JVM even when a signal skips the finally below
        try {
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            OptionalInt exitCode = waitFor(process, timeout);
            return new Outcome(exitCode, firstLine(stderr));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static OptionalInt waitFor(Process process, Duration timeout) throws IOException {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.of(process.exitValue());
            }
            process.destroyForcibly().waitFor();
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(
                    "interrupted while waiting for " + process.info().command().orElse("hypervisor"), e);
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return text.lines()
                    .filter(line -> !line.isBlank())
                    .findFirst()
                    .orElse("")
                    .strip();
        }
    }
}
