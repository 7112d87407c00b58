package dev.stage1kvm.aci;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an image manifest against the appc 0.8.11 rules and, on request, the stage1 rules. */
public final class ManifestValidator {

    /** appc's os/arch whitelist ({@code ValidOSArch} in the spec's schema). */
    private static final Map<String, Set<String>> APPC_OS_ARCH = Map.of(
            "linux",
                    Set.of(
                            "amd64",
                            "i386",
                            "aarch64",
                            "aarch64_be",
                            "armv6l",
                            "armv7l",
                            "armv7b",
                            "ppc64",
                            "ppc64le",
                            "s390x"),
            "freebsd", Set.of("amd64", "i386", "arm"),
            "darwin", Set.of("x86_64", "i386"));

    /** The architectures a stage1 image of this project can be built for, in appc's names. */
    public static final List<String> STAGE1_ARCHES = List.of("amd64", "aarch64");

    private static final Pattern SEMVER =
            Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    private ManifestValidator() {}

    /** Every appc problem of the manifest; empty when it is valid. */
    public static List<String> appcProblems(ImageManifest manifest) {
        List<String> problems = new ArrayList<>();
        if (!ImageManifest.KIND.equals(manifest.acKind())) {
            problems.add("acKind is '" + manifest.acKind() + "', expected '" + ImageManifest.KIND + "'");
        }
        checkVersion(manifest.acVersion(), problems);
        String nameProblem = AcIdentifier.identifierProblem(manifest.name());
        if (nameProblem != null) {
            problems.add("name '" + manifest.name() + "' " + nameProblem);
        }
        checkNames("label", manifest.labels(), problems);
        checkNames("annotation", manifest.annotations(), problems);
        if (manifest.label("name").isPresent()) {
            problems.add("a label must not be called 'name'");
        }
        checkOsArch(manifest, problems);
        return problems;
    }

    /** The appc problems plus the stage1 rules: arch amd64 or aarch64, rkt's entrypoints complete when present. */
    public static List<String> stage1Problems(ImageManifest manifest) {
        List<String> problems = appcProblems(manifest);
        manifest.label("arch")
                .filter(arch -> !STAGE1_ARCHES.contains(arch))
                .ifPresent(arch -> problems.add("label arch '" + arch
                        + "' is not a stage1 architecture, expected one of " + String.join(", ", STAGE1_ARCHES)));
        checkEntrypoints(manifest, problems);
        return problems;
    }

    /** Throws when {@link #stage1Problems} finds anything. */
    public static void requireValidStage1(ImageManifest manifest, String source) {
        List<String> problems = stage1Problems(manifest);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
    }

    private static void checkVersion(String acVersion, List<String> problems) {
        if (acVersion == null || !SEMVER.matcher(acVersion).matches()) {
            problems.add("acVersion '" + acVersion + "' is not a semantic version such as " + ImageManifest.AC_VERSION);
        } else if (!acVersion.startsWith("0.")) {
            problems.add("acVersion '" + acVersion + "' has a major version other than the supported 0");
        }
    }

    private static void checkNames(String kind, List<NameValue> pairs, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (NameValue pair : pairs) {
            String problem = AcIdentifier.identifierProblem(pair.name());
            if (problem != null) {
                problems.add(kind + " name '" + pair.name() + "' " + problem);
            }
            if (!seen.add(pair.name())) {
                problems.add(kind + " '" + pair.name() + "' appears more than once");
            }
        }
    }

    private static void checkOsArch(ImageManifest manifest, List<String> problems) {
        String os = manifest.label("os").orElse(null);
        String arch = manifest.label("arch").orElse(null);
        if (os == null) {
            if (arch != null) {
                problems.add("label arch '" + arch + "' needs an os label beside it");
            }
            return;
        }
        Set<String> arches = APPC_OS_ARCH.get(os);
        if (arches == null) {
            problems.add("label os '" + os + "' is not one of " + String.join(", ", APPC_OS_ARCH.keySet()));
        } else if (arch != null && !arches.contains(arch)) {
            problems.add("label arch '" + arch + "' is not valid for os '" + os + "', expected one of "
                    + String.join(", ", new java.util.TreeSet<>(arches)));
        }
    }

    private static void checkEntrypoints(ImageManifest manifest, List<String> problems) {
        boolean any = manifest.annotations().stream().anyMatch(a -> a.name().startsWith(Stage1Annotations.RKT_PREFIX));
        if (!any) {
            return;
        }
        for (String name : Stage1Annotations.ENTRYPOINTS.keySet()) {
            String value = manifest.annotation(name).orElse(null);
            if (value == null) {
                problems.add("annotation '" + name + "' is missing (rkt needs every entrypoint once one is given)");
            } else if (!value.startsWith("/")) {
                problems.add("annotation '" + name + "' must name an absolute path in the rootfs, not '" + value + "'");
            }
        }
        String version =
                manifest.annotation(Stage1Annotations.INTERFACE_VERSION).orElse(null);
        if (version == null || !version.matches("[1-9]\\d*")) {
            problems.add("annotation '" + Stage1Annotations.INTERFACE_VERSION + "' must be a positive integer, not '"
                    + version + "'");
        }
    }
}
