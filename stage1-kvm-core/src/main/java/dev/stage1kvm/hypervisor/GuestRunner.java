package dev.stage1kvm.hypervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Runs a short-lived hypervisor process to its end or to a timeout. */
public interface GuestRunner {

    /**
     * How a run ended.
     *
     * @param exitCode the process's exit code, or empty when it was killed at the timeout
     * @param firstErrorLine the first line it wrote to stderr, or {@code ""}
     */
    record Outcome(OptionalInt exitCode, String firstErrorLine) {}

    /** Runs {@code argv} with {@code environment} added, killing it after {@code timeout}. */
    Outcome run(List<String> argv, Map<String, String> environment, Duration timeout) throws IOException;
}
