package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher as its own process, signalled while its pod runs: the hypervisor is stopped, the pod folder removed,
 * and the exit code is 128 + the signal.
 */
class SignalTest {

    /** Long enough for a JVM to start and extract a small image on a busy 2-core host. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @ParameterizedTest(name = "SIG{0} gives {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void signalStopsTheHypervisorRemovesThePodAndExitsWith128PlusTheSignal(String signal, int expectedCode)
            throws Exception {
        Path stage1 = FakeImages.qemuStage1(temp.resolve("stage1.aci"), FakeImages.qemuAnnotations(), true);
        Path app = FakeImages.app(temp.resolve("web.aci"), "sleep 120\n");
        Process launcher = start(List.of("run", "--stage1", stage1.toString(), "--accel", "tcg", app.toString()));
        Path pods = temp.resolve("run/stage1-kvm/pods");

        Path started = awaitStarted(pods, launcher);
        long hypervisorPid = Long.parseLong(Files.readString(started).strip());
        assertThat(ProcessHandle.of(hypervisorPid)).isPresent();
        new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid()))
                .start()
                .waitFor();

        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("launcher ended").isTrue();
        assertThat(launcher.exitValue()).as(stderr()).isEqualTo(expectedCode);
        assertThat(ProcessHandle.of(hypervisorPid).filter(ProcessHandle::isAlive))
                .isEmpty();
        try (var left = Files.list(pods)) {
            assertThat(left).isEmpty();
        }
    }

    private Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("stdout").toFile())
                .redirectError(temp.resolve("stderr").toFile());
        builder.environment().put("XDG_DATA_HOME", temp.resolve("data").toString());
        builder.environment().put("XDG_RUNTIME_DIR", temp.resolve("run").toString());
        return builder.start();
    }

    private Path awaitStarted(Path pods, Process launcher) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline) && launcher.isAlive()) {
            Optional<Path> started = Optional.empty();
            if (Files.isDirectory(pods)) {
                try (var list = Files.list(pods)) {
                    started = list.map(pod -> pod.resolve("started"))
                            .filter(Files::isRegularFile)
                            .findFirst();
                }
            }
            if (started.isPresent() && !Files.readString(started.get()).isBlank()) {
                return started.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the fake hypervisor did not start; launcher stderr: " + stderr());
    }

    private String stderr() {
        try {
            return Files.readString(temp.resolve("stderr"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
