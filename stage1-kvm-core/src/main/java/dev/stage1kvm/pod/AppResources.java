package dev.stage1kvm.pod;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One app's resource limits as far as VM sizing cares: appc's {@code resource/memory} and {@code resource/cpu}
 * limits, already parsed (see {@link Quantities}). An empty value means the app has no such limit.
 */
public record AppResources(String appName, OptionalLong memoryLimitBytes, OptionalLong cpuLimitMillis) {

    public AppResources {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(memoryLimitBytes, "memoryLimitBytes");
        Objects.requireNonNull(cpuLimitMillis, "cpuLimitMillis");
    }

    /** An app with no limits at all. */
    public static AppResources unlimited(String appName) {
        return new AppResources(appName, OptionalLong.empty(), OptionalLong.empty());
    }
}
