package dev.stage1kvm.build;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;

/** Runs the named steps of a recipe: one info line as each starts, its duration at debug. */
final class Steps {

    /** A step's body. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    private final BuildListener listener;

    Steps(BuildListener listener) {
        this.listener = listener;
    }

    <T> T run(String name, Body<T> body) throws IOException {
        listener.info(name);
        long start = System.nanoTime();
        T result = body.run();
        listener.debug(name + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return result;
    }
}
