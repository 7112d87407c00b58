package dev.stage1kvm.launcher;

import dev.stage1kvm.app.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One pod's folder on the host, which is also the guest's writable share: {@code apps/<app>/rootfs},
 * {@code units/}, {@code rkt/status/} and the {@code pid} file naming the launcher that owns it. Closing the pod stops
 * its hypervisor and removes the folder (unless kept); closing twice, or from the shutdown hook and the main thread
 * at once, is safe.
 */
final class Pod implements AutoCloseable {

    static final String PID_FILE = "pid";

    /** How long the hypervisor gets to end after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final UUID uuid;
    private final Path folder;
    private final boolean keep;
    private Process hypervisor;
    private boolean closed;

    private Pod(UUID uuid, Path folder, boolean keep) {
        this.uuid = uuid;
        this.folder = folder;
        this.keep = keep;
    }

    /**
     * Makes a fresh pod folder under {@code podsRoot}, readable by this user alone, with the {@code pid} file.
     *
     * @throws LauncherException when the folder cannot be made there
     */
    static Pod create(Path podsRoot, boolean keep) {
        UUID uuid = UUID.randomUUID();
        Path folder = podsRoot.resolve(uuid.toString());
        try {
            Files.createDirectories(podsRoot);
            requireOwnFolder(podsRoot);
            Files.createDirectory(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw cannotMake(podsRoot, e);
        }
        try {
            fill(folder);
        } catch (IOException e) {
            LauncherException failure = cannotMake(podsRoot, e);
            removeHalfMade(folder, failure);
            throw failure;
        }
        return new Pod(uuid, folder, keep);
    }

    /** The pid file and the empty shares; a disk that fills up meanwhile can stop this half way. */
    private static void fill(Path folder) throws IOException {
        Files.writeString(folder.resolve(PID_FILE), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        for (String share : new String[] {"apps", "units", "rkt/status", "rkt/env"}) {
            Files.createDirectories(folder.resolve(share));
        }
    }

    private static void removeHalfMade(Path folder, LauncherException failure) {
        try {
            Trees.delete(folder);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static LauncherException cannotMake(Path podsRoot, IOException e) {
        return new LauncherException(
                "cannot make a pod folder under " + podsRoot + " (" + describe(e) + "); set"
                        + " XDG_RUNTIME_DIR to a writable folder",
                e);
    }

    /**
     * Refuses a pods folder reached through a symlink or owned by someone else: under a shared /tmp another user could
     * have made it first, and would then see or change this user's pods.
     */
    private static void requireOwnFolder(Path podsRoot) throws IOException {
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        // the two folders the launcher makes: <base>/stage1-kvm and <base>/stage1-kvm/pods
        for (Path folder : new Path[] {podsRoot.getParent(), podsRoot}) {
            Object owner = Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(folder) || !owner.equals(self)) {
                throw new LauncherException("pods folder " + folder + " is "
                        + (Files.isSymbolicLink(folder) ? "a symlink" : "owned by user " + owner)
                        + ", not this user's own folder; set"
                        + " XDG_RUNTIME_DIR to a folder of your own");
            }
        }
    }

    UUID uuid() {
        return uuid;
    }

    Path folder() {
        return folder;
    }

    Path appFolder(String appName) {
        return folder.resolve("apps").resolve(appName);
    }

    Path statusFolder() {
        return folder.resolve("rkt/status");
    }

    /** Writes the generated unit files into {@code units/}. */
    void writeUnits(Map<String, String> units) throws IOException {
        for (Map.Entry<String, String> unit : units.entrySet()) {
            Files.writeString(folder.resolve("units").resolve(unit.getKey()), unit.getValue(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Stops the run between steps once the pod is being closed (a signal arrived), so that nothing more is written
     * into a folder the shutdown hook is removing.
     */
    synchronized void requireOpen() {
        if (closed) {
            throw new LauncherException("the pod was stopped before its VM started");
        }
    }

    /** Starts the hypervisor on the launcher's own terminal, unless the pod is already being closed. */
    synchronized Process start(ProcessBuilder builder) throws IOException {
        requireOpen();
        hypervisor = builder.start();
        return hypervisor;
    }

    /** Stops the hypervisor if it runs, then removes the pod folder unless it is kept. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (hypervisor != null && hypervisor.isAlive()) {
            hypervisor.destroy();
            try {
                if (!hypervisor.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    hypervisor.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                hypervisor.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (!keep) {
            Trees.delete(folder);
        }
    }

    private static String describe(IOException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass()
                        .getSimpleName()
                        .replace("Exception", "")
                        .replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase(java.util.Locale.ROOT)
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
