package dev.stage1kvm.hypervisor;

import java.util.List;
import java.util.Map;

/**
 * A hypervisor invocation as data.
 *
 * @param argv the full argument vector, program first
 * @param environment variables to add to the launcher's environment
 */
public record HypervisorCommand(List<String> argv, Map<String, String> environment) {

    public HypervisorCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** The argv as one line for the debug log, each argument quoted when it holds a space. */
    public String toDebugString() {
        StringBuilder line = new StringBuilder();
        environment.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> line.append(e.getKey())
                        .append('=')
                        .append(quote(e.getValue()))
                        .append(' '));
        argv.forEach(arg -> line.append(quote(arg)).append(' '));
        return line.toString().strip();
    }

    private static String quote(String arg) {
        return arg.isEmpty() || arg.matches(".*[\\s'\"].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }
}
