package dev.stage1kvm.pod;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one app runs in the guest, as its image (and the pod manifest's overrides) say.
 *
 * @param appName the app's name in the pod; it names its units and its folder {@code /opt/stage2/<app>}
 * @param exec the command and its arguments; the command is an absolute path inside the app's rootfs
 * @param uid numeric user ID (names are resolved against the app's own /etc/passwd before this point)
 * @param gid numeric group ID
 * @param supplementaryGids further numeric group IDs
 * @param environment variables in the order the image gives them
 * @param workingDirectory absolute path inside the app's rootfs
 */
public record AppExec(
        String appName,
        List<String> exec,
        int uid,
        int gid,
        List<Integer> supplementaryGids,
        Map<String, String> environment,
        String workingDirectory) {

    /**
     * App names that are safe as a unit name part and a folder name: lowercase letters and digits, with single
     * {@code -}, {@code .} or {@code _} between them (appc AC names, less {@code /} and {@code ~}).
     */
    static final Pattern APP_NAME = Pattern.compile("[a-z0-9]+([-._][a-z0-9]+)*");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public AppExec {
        Objects.requireNonNull(appName, "appName");
        if (!APP_NAME.matcher(appName).matches()) {
            throw new IllegalArgumentException("app name '" + appName + "' cannot name a guest unit: use lowercase"
                    + " letters and digits with single - . or _ between them");
        }
        exec = List.copyOf(exec);
        if (exec.isEmpty() || !exec.get(0).startsWith("/")) {
            throw new IllegalArgumentException("app " + appName + ": exec " + exec + " must start with an absolute"
                    + " path inside the app's image");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("app " + appName + ": uid " + uid + " and gid " + gid + " must be >= 0");
        }
        supplementaryGids = List.copyOf(supplementaryGids);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        environment.keySet().stream()
                .filter(name -> !ENV_NAME.matcher(name).matches())
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("app " + appName + ": environment variable name '" + name
                            + "' is not valid; use letters, digits and _ and do not start with a digit");
                });
        if (!workingDirectory.startsWith("/")) {
            throw new IllegalArgumentException(
                    "app " + appName + ": working directory '" + workingDirectory + "' must be absolute");
        }
    }
}
