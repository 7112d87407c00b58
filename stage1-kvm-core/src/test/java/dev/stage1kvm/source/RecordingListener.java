package dev.stage1kvm.source;

import dev.stage1kvm.progress.BuildListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every message, prefixed with its level, for assertions on the wording. */
public final class RecordingListener implements BuildListener {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("info: " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("debug: " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("warn: " + message);
    }
}
