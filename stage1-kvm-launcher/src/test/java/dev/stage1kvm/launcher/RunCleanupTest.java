package dev.stage1kvm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCleanupTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theShutdownHookStopsAChildStartedBeforeAnyPodExisted() throws Exception {
        // a stand-in for the KVM probe's guest, which runs before the pod folder is made
        Process probeGuest = new ProcessBuilder("sleep", "120").start();
        RunCleanup cleanup = new RunCleanup(errStream());

        cleanup.onShutdown();
        cleanup.close();

        assertThat(probeGuest.waitFor(10, TimeUnit.SECONDS)).as("child ended").isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theShutdownHookRemovesTheAdoptedPodAndStopsItsHypervisor() throws Exception {
        RunCleanup cleanup = new RunCleanup(errStream());
        Pod pod = cleanup.adopt(Pod.create(temp.resolve("run/stage1-kvm/pods"), false));
        Process hypervisor = pod.start(new ProcessBuilder("sleep", "120"));

        cleanup.onShutdown();
        cleanup.close();

        assertThat(hypervisor.waitFor(10, TimeUnit.SECONDS))
                .as("hypervisor ended")
                .isTrue();
        assertThat(pod.folder()).doesNotExist();
        try (var left = Files.list(temp.resolve("run/stage1-kvm/pods"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void closingWithoutASignalRemovesThePodOnce() throws Exception {
        RunCleanup cleanup = new RunCleanup(errStream());
        Pod pod = cleanup.adopt(Pod.create(temp.resolve("run/stage1-kvm/pods"), false));

        cleanup.close();
        cleanup.close();

        assertThat(pod.folder()).doesNotExist();
    }

    private PrintStream errStream() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }
}
