package dev.stage1kvm.launcher;

import dev.stage1kvm.app.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code stage1-kvm gc}: removes pod folders whose launcher is gone (a crash, a kill -9, a power cut). A pod is in
 * use while the process its {@code pid} file names runs and started before the file was written; a later process
 * with the same number does not count.
 */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = "Removes pod folders left behind by launchers that are gone.")
final class GcCommand implements Callable<Integer> {

    /** A folder without a pid file this long after it was made is a pod whose launcher died while making it. */
    static final Duration PID_FILE_GRACE = Duration.ofMinutes(1);

    private final LauncherContext context;

    GcCommand(LauncherContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        ImageStore store =
                new ImageStore(Locations.images(context.environment()), dev.stage1kvm.progress.BuildListener.SILENT);
        for (Path partial : store.removePartials()) {
            context.out().println("removed half-extracted image " + partial);
        }
        Path podsRoot = Locations.pods(context.environment());
        if (!Files.isDirectory(podsRoot)) {
            context.out().println("no pods under " + podsRoot);
            return 0;
        }
        int removed = 0;
        int running = 0;
        List<Path> pods;
        try (var list = Files.list(podsRoot)) {
            pods = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path pod : pods) {
            Optional<String> garbage = whyGarbage(pod);
            if (garbage.isPresent()) {
                Trees.delete(pod);
                context.out().println("removed pod " + pod.getFileName() + " (" + garbage.get() + ")");
                removed++;
            } else {
                running++;
            }
        }
        context.out().println(removed + " pods removed, " + running + " in use, under " + podsRoot);
        return 0;
    }

    /** Why the pod folder can go, or empty when its launcher still runs. */
    static Optional<String> whyGarbage(Path pod) throws IOException {
        Path pidFile = pod.resolve(Pod.PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            Instant made = Files.getLastModifiedTime(pod).toInstant();
            return made.isBefore(Instant.now().minus(PID_FILE_GRACE)) ? Optional.of("no pid file") : Optional.empty();
        }
        String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
        if (!text.matches("\\d{1,10}")) {
            return Optional.of("pid file holds '" + text + "'");
        }
        long pid = Long.parseLong(text);
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.of("launcher " + pid + " is gone");
        }
        Instant written = Files.getLastModifiedTime(pidFile).toInstant();
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isPresent() && started.get().isAfter(written.plusSeconds(1))) {
            return Optional.of("launcher " + pid + " is gone; a newer process has its number");
        }
        return Optional.empty();
    }
}
