package dev.stage1kvm.maven;

import dev.stage1kvm.progress.BuildListener;
import org.apache.maven.plugin.logging.Log;

/** Sends the engine's progress to Maven's log. */
final class MavenLogListener implements BuildListener {

    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }
}
