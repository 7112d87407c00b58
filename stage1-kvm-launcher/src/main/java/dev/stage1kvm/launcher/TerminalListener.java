package dev.stage1kvm.launcher;

import dev.stage1kvm.progress.BuildListener;
import java.io.PrintStream;

/**
 * Progress on the terminal's error stream, which the app's console does not use: warnings always, one line per
 * step and the details only with {@code --debug}, so that a plain run shows the app and nothing else.
 */
final class TerminalListener implements BuildListener {

    static final String PREFIX = "stage1-kvm: ";

    private final PrintStream err;
    private final boolean debug;

    TerminalListener(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    @Override
    public void info(String message) {
        if (debug) {
            err.println(PREFIX + message);
        }
    }

    @Override
    public void debug(String message) {
        if (debug) {
            err.println(PREFIX + message);
        }
    }

    @Override
    public void warn(String message) {
        err.println(PREFIX + "warning: " + message);
    }
}
