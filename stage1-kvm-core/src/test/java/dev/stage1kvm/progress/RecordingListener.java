package dev.stage1kvm.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message, prefixed with its level ({@code INFO }, {@code DEBUG }, {@code WARN }), for wording tests. */
public final class RecordingListener implements BuildListener {

    public final List<String> lines = new CopyOnWriteArrayList<>();

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
