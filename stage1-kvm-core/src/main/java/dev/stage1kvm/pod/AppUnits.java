package dev.stage1kvm.pod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The systemd units a pod's guest runs: per app an {@code app-<app>.service} that runs it in its own root and an
 * {@code exit-<app>.service} that records how it ended ({@code /rkt/status/<app>}) and ends the VM after the last
 * app, plus {@value #TARGET} that wants every app.
 */
public final class AppUnits {

    /** The target the guest boots into. */
    public static final String TARGET = "stage1-apps.target";

    /** Where the image carries stage1-assets' {@code guest/app-exit} script. */
    public static final String EXIT_HELPER = "/usr/lib/stage1-kvm/app-exit";

    private final UnitTemplate appTemplate;
    private final UnitTemplate exitTemplate;
    private final UnitTemplate targetTemplate;

    public AppUnits(UnitTemplate appTemplate, UnitTemplate exitTemplate, UnitTemplate targetTemplate) {
        this.appTemplate = appTemplate;
        this.exitTemplate = exitTemplate;
        this.targetTemplate = targetTemplate;
    }

    /** Units from the templates in stage1-assets. */
    public static AppUnits fromAssets() {
        return new AppUnits(
                UnitTemplate.load("app.service"), UnitTemplate.load("exit.service"), UnitTemplate.load("apps.target"));
    }

    /**
     * The unit files for a pod, by file name, in the apps' order.
     *
     * @throws IllegalArgumentException when two apps share a name or a value cannot be written into a unit
     */
    public Map<String, String> render(List<AppExec> apps) {
        return render(apps, List.of());
    }

    /**
     * The unit files for a pod whose apps have resource limits: each app's unit caps its memory and CPU time at its
     * own limits, so that apps sharing the VM cannot take each other's share.
     *
     * @param resources limits by app name; an app without an entry, or a limit left empty, is not capped
     * @throws IllegalArgumentException when two apps share a name or a value cannot be written into a unit
     */
    public Map<String, String> render(List<AppExec> apps, List<AppResources> resources) {
        Map<String, AppResources> limits = new HashMap<>();
        resources.forEach(limit -> limits.put(limit.appName(), limit));
        Set<String> names = new HashSet<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (AppExec app : apps) {
            if (!names.add(app.appName())) {
                throw new IllegalArgumentException("two apps are named " + app.appName() + "; give each its own name");
            }
            AppResources limit = limits.getOrDefault(app.appName(), AppResources.unlimited(app.appName()));
            units.put(appUnit(app.appName()), appTemplate.render(appValues(app, limit)));
            units.put(
                    exitUnit(app.appName()),
                    exitTemplate.render(Map.of("app", app.appName(), "exitHelper", EXIT_HELPER)));
        }
        String wants = apps.stream().map(app -> appUnit(app.appName())).collect(Collectors.joining(" "));
        units.put(TARGET, targetTemplate.render(Map.of("appUnits", wants)));
        return units;
    }

    /** The unit that runs an app. */
    public static String appUnit(String appName) {
        return "app-" + appName + ".service";
    }

    /** The unit that records an app's end. */
    public static String exitUnit(String appName) {
        return "exit-" + appName + ".service";
    }

    private static Map<String, String> appValues(AppExec app, AppResources limit) {
        List<String> environment = new ArrayList<>();
        app.environment().forEach((name, value) -> environment.add(UnitSyntax.environment(name, value)));
        return Map.of(
                "app", app.appName(),
                // an empty value leaves systemd's default: no cap
                "memoryMax",
                        limit.memoryLimitBytes().isPresent()
                                ? Long.toString(limit.memoryLimitBytes().getAsLong())
                                : "",
                "cpuQuota",
                        limit.cpuLimitMillis().isPresent()
                                ? cpuQuota(limit.cpuLimitMillis().getAsLong())
                                : "",
                "uid", Integer.toString(app.uid()),
                "gid", Integer.toString(app.gid()),
                "supplementaryGids",
                        app.supplementaryGids().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                "workingDirectory", UnitSyntax.path(app.workingDirectory()),
                "environment", String.join("\n", environment),
                "exec", UnitSyntax.commandLine(app.exec()));
    }

    /**
     * systemd's {@code CPUQuota=} for an appc CPU limit: a percentage of one CPU (1000 millicores = 100%), to a
     * tenth of a percent, the finest step a millicore allows.
     */
    static String cpuQuota(long cpuMillis) {
        return cpuMillis % 10 == 0 ? (cpuMillis / 10) + "%" : (cpuMillis / 10) + "." + (cpuMillis % 10) + "%";
    }
}
