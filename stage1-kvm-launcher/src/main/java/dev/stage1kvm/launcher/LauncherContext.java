package dev.stage1kvm.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the launcher takes from the host, gathered in one place so that tests can give their own.
 *
 * @param environment the process environment (XDG folders, STAGE1_KVM_STAGE1)
 * @param hostRoot {@code /} on a real host: where /dev/kvm, /sys/module and /proc/cpuinfo are looked up
 * @param hostCpuCount CPUs available to the launcher
 * @param out where command output goes (inspect, gc, version)
 * @param err where messages go
 */
public record LauncherContext(
        Map<String, String> environment, Path hostRoot, int hostCpuCount, PrintStream out, PrintStream err) {

    public LauncherContext {
        environment = Map.copyOf(environment);
    }

    /** The real host. */
    public static LauncherContext host() {
        return new LauncherContext(
                System.getenv(), Path.of("/"), Runtime.getRuntime().availableProcessors(), System.out, System.err);
    }
}
