package dev.stage1kvm.deb;

import dev.stage1kvm.progress.BuildListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message, prefixed with its level, for assertions on log wording. */
final class RecordingListener implements BuildListener {

    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }
}
