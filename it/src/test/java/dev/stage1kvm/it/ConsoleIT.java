package dev.stage1kvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stage1kvm.it.Launcher.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod's console on a real terminal: typing Ctrl-a x ends the pod, as with QEMU's own console. */
class ConsoleIT {

    /** Ctrl-a (SOH), then x. */
    private static final byte[] CTRL_A_X = {0x01, 'x'};

    @TempDir
    Path runtimeDir;

    @TempDir
    Path apps;

    @Test
    void ctrlAXTypedOnAPseudoTerminalEndsThePod() throws Exception {
        Launcher launcher = new Launcher(runtimeDir, E2e.dataHome());
        Path app = AppImages.shell(apps, "waiter", "echo waiting for ctrl-a x; sleep 600");
        // script(1) from util-linux runs the launcher on a new pseudo-terminal and copies our pipe to it, as keys
        String command = String.join(
                " ",
                Launcher.script().toString(),
                "run",
                "--stage1",
                Launcher.stage1Image().toString(),
                app.toString());
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--return", "--command", command, "/dev/null")
                .redirectErrorStream(true);
        Launcher.environment(builder.environment(), runtimeDir, E2e.dataHome());
        Process process = builder.start();
        StringBuilder seen = new StringBuilder();
        waitFor(process, "waiting for ctrl-a x", seen);

        Launcher.type(process, CTRL_A_X);
        Result result = Launcher.finish(process, seen);

        // QEMU's own words when its console multiplexer takes Ctrl-a x; any other end of the VM lacks them
        assertThat(result.output()).contains("QEMU: Terminated");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(125);
        assertThat(result.output()).contains("before any app recorded an exit status");
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .as("processes naming the pod's folder")
                .noneMatch(commandLine -> commandLine.contains(runtimeDir.toString()));
        Path pods = runtimeDir.resolve("stage1-kvm/pods");
        try (Stream<Path> left = Files.isDirectory(pods) ? Files.list(pods) : Stream.empty()) {
            assertThat(left).isEmpty();
        }
    }

    private static void waitFor(Process process, String text, StringBuilder seen) throws IOException {
        BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
        for (String line; (line = reader.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("the pod ended before printing '" + text + "':\n" + seen);
    }
}
