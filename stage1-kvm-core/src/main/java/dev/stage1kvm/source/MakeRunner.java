package dev.stage1kvm.source;

import dev.stage1kvm.progress.BuildListener;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code make} in the fixed {@link BuildEnvironment} with one job per available processor. Every output line
 * goes to a log file; a progress line (time so far and the last kbuild step, such as {@code CC kernel/fork.o}) goes
 * to the listener at a fixed interval.
 */
public final class MakeRunner {

    /** Often enough to show a long build is alive, rarely enough not to flood a CI log. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(30);

    /** How many lines of the log a failure message quotes. */
    static final int FAILURE_TAIL_LINES = 25;

    /** kbuild's short log lines: two spaces, an upper-case step name, then the target ("  CC      init/main.o"). */
    private static final Pattern KBUILD_STEP = Pattern.compile("^ {2}[A-Z][A-Z0-9_]*\\s+\\S.*");

    private final BuildEnvironment environment;
    private final BuildListener listener;
    private final Duration progressInterval;
    private final int jobs;

    public MakeRunner(BuildEnvironment environment, BuildListener listener) {
        this(
                environment,
                listener,
                DEFAULT_PROGRESS_INTERVAL,
                Runtime.getRuntime().availableProcessors());
    }

    public MakeRunner(BuildEnvironment environment, BuildListener listener, Duration progressInterval, int jobs) {
        this.environment = environment;
        this.listener = listener;
        this.progressInterval = progressInterval;
        this.jobs = jobs;
    }

    /** The -j value. */
    public int jobs() {
        return jobs;
    }

    /**
     * Runs {@code make -j<jobs> <arguments>} in a directory, appending its output to {@code logFile}.
     *
     * @throws BuildFailedException when make exits with an error; the message quotes the log's last lines
     */
    public void run(Path directory, List<String> arguments, Path logFile)
            throws IOException, InterruptedException, BuildFailedException {
        List<String> command = new ArrayList<>(List.of("make", "-j" + jobs));
        command.addAll(arguments);
        String commandLine = String.join(" ", command);
        listener.debug("running " + commandLine + " in " + directory + ", log " + logFile);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process process = environment
                .applyTo(new ProcessBuilder(command))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        Output output = new Output();
        long startNanos = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(MakeRunner::daemon);
        ticker.scheduleAtFixedRate(
                () -> listener.info(progress(commandLine, startNanos, output.lastStep())),
                progressInterval.toMillis(),
                progressInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            copyOutput(process, commandLine, logFile, output);
            int exitCode = process.waitFor();
            if (exitCode != 0) {
                throw new BuildFailedException(commandLine, directory, exitCode, logFile, output.tail());
            }
        } finally {
            ticker.shutdownNow();
            process.destroy();
        }
        listener.debug(commandLine + " finished in " + formatDuration(System.nanoTime() - startNanos));
    }

    private static void copyOutput(Process process, String commandLine, Path logFile, Output output)
            throws IOException {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter log = Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            log.write("$ " + commandLine + "\n");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.write(line);
                log.write('\n');
                output.add(line);
            }
        }
    }

    static String progress(String commandLine, long startNanos, String lastStep) {
        String elapsed = formatDuration(System.nanoTime() - startNanos);
        return commandLine + ": " + elapsed + " so far" + (lastStep == null ? "" : ", at " + lastStep);
    }

    static String formatDuration(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return seconds >= 60 ? (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s" : seconds + "s";
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "make-progress");
        thread.setDaemon(true);
        return thread;
    }

    /** The last lines of output and the last kbuild step, shared with the progress thread. */
    private static final class Output {
        private final Deque<String> tail = new ArrayDeque<>();
        private volatile String lastStep;

        synchronized void add(String line) {
            if (tail.size() == FAILURE_TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
            if (KBUILD_STEP.matcher(line).matches()) {
                lastStep = line.strip().replaceAll("\\s+", " ");
            }
        }

        String lastStep() {
            return lastStep;
        }

        synchronized List<String> tail() {
            return List.copyOf(tail);
        }
    }
}
