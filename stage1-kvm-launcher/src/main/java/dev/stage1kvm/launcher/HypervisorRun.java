package dev.stage1kvm.launcher;

import dev.stage1kvm.hypervisor.HypervisorCommand;
import java.io.IOException;

/** Starts the hypervisor with the launcher's stdin, stdout and stderr, so the guest's console is this terminal. */
final class HypervisorRun {

    private final Pod pod;
    private final TerminalListener listener;

    HypervisorRun(Pod pod, TerminalListener listener) {
        this.pod = pod;
        this.listener = listener;
    }

    /** Runs the command to its end and returns its exit code. */
    int run(HypervisorCommand command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).inheritIO();
        builder.environment().putAll(command.environment());
        Process process;
        try {
            process = pod.start(builder);
        } catch (IOException e) {
            throw new LauncherException(
                    "cannot start the hypervisor " + command.argv().get(0) + " (" + e.getMessage()
                            + "); check that the stage1 image is complete",
                    e);
        }
        listener.info("hypervisor started, pid " + process.pid());
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while the pod ran", e);
        }
    }
}
