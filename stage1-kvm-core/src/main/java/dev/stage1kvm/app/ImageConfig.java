package dev.stage1kvm.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How an app image says it runs, before user and group names are resolved against its rootfs.
 *
 * @param entrypoint the program and the arguments that always come with it (OCI's Entrypoint; an ACI's first exec
 *     word)
 * @param command the arguments that follow, which {@code run APP -- ARGS} replaces (OCI's Cmd; the rest of an ACI's
 *     exec)
 * @param user a user name or number ({@code ""} means root)
 * @param group a group name or number ({@code ""} means the user's primary group)
 * @param supplementaryGids further numeric group IDs
 * @param environment variables in the order the image gives them
 * @param workingDirectory absolute path inside the rootfs
 * @param memoryLimitBytes appc's {@code resource/memory} limit, when the image sets one
 * @param cpuLimitMillis appc's {@code resource/cpu} limit in thousandths of a core, when the image sets one
 */
public record ImageConfig(
        List<String> entrypoint,
        List<String> command,
        String user,
        String group,
        List<Integer> supplementaryGids,
        Map<String, String> environment,
        String workingDirectory,
        OptionalLong memoryLimitBytes,
        OptionalLong cpuLimitMillis) {

    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        supplementaryGids = List.copyOf(supplementaryGids);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(memoryLimitBytes, "memoryLimitBytes");
        Objects.requireNonNull(cpuLimitMillis, "cpuLimitMillis");
        workingDirectory = workingDirectory == null || workingDirectory.isEmpty() ? "/" : workingDirectory;
    }

    /** The whole command line: entrypoint, then command. */
    public List<String> exec() {
        List<String> exec = new java.util.ArrayList<>(entrypoint);
        exec.addAll(command);
        return exec;
    }

    /** This config with {@code arguments} in place of the command. */
    public ImageConfig withCommand(List<String> arguments) {
        return new ImageConfig(
                entrypoint,
                arguments,
                user,
                group,
                supplementaryGids,
                environment,
                workingDirectory,
                memoryLimitBytes,
                cpuLimitMillis);
    }
}
