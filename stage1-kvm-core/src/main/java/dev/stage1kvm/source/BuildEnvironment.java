package dev.stage1kvm.source;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed environment every build from source runs in, so that two builds of the same inputs on different machines
 * give the same bytes. Nothing of the caller's environment leaks in.
 *
 * @param sourceDateEpoch seconds since 1970 stamped into the build (SOURCE_DATE_EPOCH, KBUILD_BUILD_TIMESTAMP)
 * @param user the build user the kernel records (KBUILD_BUILD_USER)
 * @param host the build host the kernel records (KBUILD_BUILD_HOST)
 * @param path the PATH make and its tools see
 */
public record BuildEnvironment(long sourceDateEpoch, String user, String host, String path) {

    /** 2026-01-01T00:00:00Z, the project's fixed output timestamp, used when the caller gives none. */
    public static final long DEFAULT_SOURCE_DATE_EPOCH = 1767225600L;

    /** Only the system folders: no per-user tools, so the tool versions recorded in the cache key are the ones used. */
    public static final String MINIMAL_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    public static final BuildEnvironment DEFAULT =
            new BuildEnvironment(DEFAULT_SOURCE_DATE_EPOCH, "stage1-kvm", "stage1-kvm", MINIMAL_PATH);

    private static final DateTimeFormatter KBUILD_TIMESTAMP = DateTimeFormatter.ofPattern(
                    "EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The variables a child process gets; its environment holds these and nothing else. */
    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path);
        env.put("LC_ALL", "C");
        env.put("TZ", "UTC");
        env.put("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch));
        env.put("KBUILD_BUILD_TIMESTAMP", KBUILD_TIMESTAMP.format(Instant.ofEpochSecond(sourceDateEpoch)));
        env.put("KBUILD_BUILD_USER", user);
        env.put("KBUILD_BUILD_HOST", host);
        return env;
    }

    /** Puts exactly {@link #variables()} into a process builder's environment. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        builder.environment().clear();
        builder.environment().putAll(variables());
        return builder;
    }
}
