import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Starts a pod with `stage1-kvm run` and with the bare hypervisor command, alternately, and reports the time from
 * start to the app's first output line and to the end of the process: medians over the runs, and the launcher's
 * overhead. Run with bench/pod-run.sh.
 */
public class PodRunBench {
    static final String MARKER = "bench-app-output";
    // KernelCommandLine's two sets
    static final String DEBUG_PARAMS = "debug systemd.show_status=true systemd.log_level=debug";
    static final String QUIET_PARAMS = "quiet systemd.show_status=false systemd.log_level=err";

    public static void main(String[] args) throws Exception {
        String script = args[0], image = args[1], app = args[2];
        int runs = Integer.parseInt(args[3]);
        Path runtime = Files.createTempDirectory("pod-run-bench");
        try {
            compare(script, image, app, runs, runtime);
        } finally {
            // the pod folder that --keep left for the bare runs
            new ProcessBuilder("rm", "-rf", runtime.toString()).inheritIO().start().waitFor();
        }
    }

    static void compare(String script, String image, String app, int runs, Path runtime) throws Exception {
        // the command users run: the stage1-kvm script, which starts the jar with its start-up options
        List<String> launcher = List.of(script, "run", "--accel", "tcg", "--stage1", image, app);
        String bare = bareCommand(script, image, app, runtime);
        System.out.println("bare command: " + bare);
        List<double[]> ours = new ArrayList<>(), theirs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ours.add(time(launcher, runtime, 0));
            // isa-debug-exit: QEMU ends with 2 * status + 1 for the app's status 0
            theirs.add(time(List.of("sh", "-c", bare), runtime, 1));
            System.out.printf("run %2d: stage1-kvm run %.2f s to output, %.2f s to exit; bare %.2f s, %.2f s%n",
                    i + 1, ours.get(i)[0], ours.get(i)[1], theirs.get(i)[0], theirs.get(i)[1]);
        }
        double[] o = medians(ours), t = medians(theirs);
        System.out.printf("%n| median over %d runs | to the app's output | to exit |%n|---|---|---|%n", runs);
        System.out.printf("| stage1-kvm run | %.2f s | %.2f s |%n", o[0], o[1]);
        System.out.printf("| bare hypervisor command | %.2f s | %.2f s |%n", t[0], t[1]);
        System.out.printf("| launcher overhead | %.2f s | %.2f s |%n", o[0] - t[0], o[1] - t[1]);
        System.out.printf("| ratio | %.2f | %.2f |%n", o[0] / t[0], o[1] / t[1]);
    }

    /**
     * The hypervisor command of a kept pod, from `run --debug --keep`, with the quiet kernel parameters of a plain
     * run; the kept pod folder serves the bare runs.
     */
    static String bareCommand(String script, String image, String app, Path runtime) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                script, "run", "--debug", "--keep", "--accel", "tcg", "--stage1", image, app)
                .redirectErrorStream(true);
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process process = builder.start();
        String command = null;
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("stage1-kvm: hypervisor: ")) {
                    command = line.substring("stage1-kvm: hypervisor: ".length());
                }
            }
        }
        process.waitFor();
        if (command == null) {
            throw new IllegalStateException("run --debug printed no hypervisor command");
        }
        // the guest of a plain run is quiet: swap --debug's kernel parameters back for the quiet ones
        return command.replace(DEBUG_PARAMS, QUIET_PARAMS);
    }

    /** Seconds from start to the marker line and to the end of the process. */
    static double[] time(List<String> command, Path runtime, int expectedExitCode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        long start = System.nanoTime();
        Process process = builder.start();
        double marker = Double.NaN;
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (Double.isNaN(marker) && line.contains(MARKER)) {
                    marker = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        int exitCode = process.waitFor();
        double end = (System.nanoTime() - start) / 1e9;
        if (Double.isNaN(marker) || exitCode != expectedExitCode) {
            throw new IllegalStateException(command.get(0) + " ended with exit code " + exitCode
                    + (Double.isNaN(marker) ? " without printing " + MARKER : "") + " after " + end + " s");
        }
        return new double[] {marker, end};
    }

    static double[] medians(List<double[]> samples) {
        double[] result = new double[2];
        for (int k = 0; k < 2; k++) {
            List<Double> values = new ArrayList<>();
            for (double[] sample : samples) {
                values.add(sample[k]);
            }
            Collections.sort(values);
            int n = values.size();
            result[k] = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        }
        return result;
    }
}
