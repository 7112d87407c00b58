package dev.stage1kvm.launcher;

import java.io.IOException;
import java.io.PrintStream;

/**
 * What one {@code run} has to undo, done once: on the way out of the run, or from the JVM's shutdown hook when a
 * signal ends the launcher first. The hook is in place before anything starts a process (the KVM probe boots a guest)
 * or makes a folder, so a signal at any step leaves nothing behind.
 */
final class RunCleanup implements AutoCloseable {

    private final PrintStream err;
    private final Thread hook = new Thread(this::onShutdown, "stage1-kvm run cleanup");
    private Pod pod;

    RunCleanup(PrintStream err) {
        this.err = err;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Makes the pod this run's, to be closed with it. */
    synchronized Pod adopt(Pod pod) {
        this.pod = pod;
        return pod;
    }

    /**
     * The JVM is ending before the run did: the pod goes, and so does any child still running, such as the KVM
     * probe's guest, whose own clean-up the JVM will not wait for.
     */
    void onShutdown() {
        closePod();
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Closes the pod; the shutdown hook is no longer needed. */
    @Override
    public void close() {
        closePod();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (a signal): the hook is running or has run
        }
    }

    /** A folder that cannot be removed is worth a warning, not the loss of the app's exit status. */
    private synchronized void closePod() {
        if (pod == null) {
            return;
        }
        try {
            pod.close();
        } catch (IOException e) {
            err.println(TerminalListener.PREFIX + "could not remove pod folder " + pod.folder() + ": " + e
                    + "; remove it with stage1-kvm gc");
        }
    }
}
