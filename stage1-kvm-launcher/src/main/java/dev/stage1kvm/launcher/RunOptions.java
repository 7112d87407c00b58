package dev.stage1kvm.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code stage1-kvm run}, parsed and checked.
 *
 * @param stage1 the stage1 image
 * @param accel {@code auto}, {@code kvm} or {@code tcg}
 * @param memoryLimitBytes {@code --memory}: every app's memory limit, in place of its image's
 * @param cpuLimitMillis {@code --cpu}: every app's CPU limit, in place of its image's
 * @param apps the app images, in order
 * @param appArguments the words after {@code --}, which replace the last app's command
 * @param debug kernel and systemd messages, the sizing and the hypervisor argv on the terminal
 * @param keep leave the pod folder in place when the pod ends
 */
record RunOptions(
        Path stage1,
        AccelChoice accel,
        OptionalLong memoryLimitBytes,
        OptionalLong cpuLimitMillis,
        List<Path> apps,
        Optional<List<String>> appArguments,
        boolean debug,
        boolean keep) {

    /** {@code --accel}'s values. */
    enum AccelChoice {
        AUTO,
        KVM,
        TCG
    }

    RunOptions {
        Objects.requireNonNull(stage1, "stage1");
        apps = List.copyOf(apps);
        appArguments = appArguments.map(List::copyOf);
    }
}
