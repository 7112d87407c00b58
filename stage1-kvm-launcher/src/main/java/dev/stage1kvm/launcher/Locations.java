package dev.stage1kvm.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the launcher keeps extracted stage1 images and running pods (XDG Base Directory Specification 0.8). */
final class Locations {

    static final String NAME = "stage1-kvm";

    private Locations() {}

    /** {@code $XDG_DATA_HOME/stage1-kvm/images}, else {@code ~/.local/share/stage1-kvm/images}. */
    static Path images(Map<String, String> environment) {
        String dataHome = environment.get("XDG_DATA_HOME");
        if (dataHome != null && dataHome.startsWith("/")) {
            return Path.of(dataHome, NAME, "images");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", NAME, "images");
    }

    /**
     * {@code $XDG_RUNTIME_DIR/stage1-kvm/pods} (per user, on tmpfs, emptied at logout), else
     * {@code /run/stage1-kvm/pods} when {@code /run} is writable (root), else {@code /tmp/stage1-kvm-<user>/pods}.
     */
    static Path pods(Map<String, String> environment) {
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && runtimeDir.startsWith("/")) {
            return Path.of(runtimeDir, NAME, "pods");
        }
        if (Files.isWritable(Path.of("/run"))) {
            return Path.of("/run", NAME, "pods");
        }
        return Path.of("/tmp", NAME + "-" + System.getProperty("user.name"), "pods");
    }
}
