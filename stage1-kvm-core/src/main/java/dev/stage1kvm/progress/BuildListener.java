package dev.stage1kvm.progress;

/**
 * The narrow channel through which the engine reports progress. The Maven plugin adapts it to Maven's log, the
 * launcher to the terminal.
 */
public interface BuildListener {

    /** One line per build step or automatic decision. */
    void info(String message);

    /** Per-file details, digests, timings, command lines. */
    void debug(String message);

    /** Something the user should look at, though the build goes on. */
    void warn(String message);

    /** A listener that drops everything, for tests and library callers that do not care. */
    BuildListener SILENT = new BuildListener() {
        @Override
        public void info(String message) {}

        @Override
        public void debug(String message) {}

        @Override
        public void warn(String message) {}
    };
}
