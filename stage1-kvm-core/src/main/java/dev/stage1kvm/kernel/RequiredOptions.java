package dev.stage1kvm.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options a stage1 kernel must have, grouped by feature, read from the plain-text list the {@code kernel-config}
 * module ships (see that file's header for the format).
 */
public final class RequiredOptions {

    /** Where the kernel-config module keeps the list on the class path. */
    public static final String RESOURCE = "dev/stage1kvm/kernel/required-options.txt";

    private final List<Group> groups;

    private RequiredOptions(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    public static RequiredOptions read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Reads the list from the class path, as shipped in the kernel-config jar. */
    public static RequiredOptions fromClassPath(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the required kernel options list " + RESOURCE
                        + " is not on the class path; add the dev.stage1kvm:kernel-config dependency");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        }
    }

    public static RequiredOptions parse(String text, String source) throws KernelConfigException {
        List<Group> groups = new ArrayList<>();
        GroupBuilder current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (current != null) {
                    groups.add(current.build(source));
                }
                current = new GroupBuilder(line.substring(1, line.length() - 1).strip(), i + 1);
            } else if (current == null) {
                throw new KernelConfigException(source, i + 1, line, "a '[feature]' line before any option");
            } else {
                current.add(line, source, i + 1);
            }
        }
        if (current != null) {
            groups.add(current.build(source));
        }
        return new RequiredOptions(groups);
    }

    public List<Group> groups() {
        return groups;
    }

    /** The groups that apply to an architecture ({@code amd64}, {@code arm64}). */
    public List<Group> groupsFor(String arch) {
        return groups.stream()
                .filter(g -> g.arches().isEmpty() || g.arches().contains(arch))
                .toList();
    }

    /** Every required option the config does not meet, in list order; empty when the config is fit. */
    public List<MissingOption> check(KernelConfig config, String arch) {
        List<MissingOption> missing = new ArrayList<>();
        for (Group group : groupsFor(arch)) {
            for (Option option : group.options()) {
                String actual = config.value(option.name()).orElse(null);
                if (!option.expectedValue().equals(actual)) {
                    missing.add(new MissingOption(option, group, actual));
                }
            }
        }
        return missing;
    }

    /**
     * Checks a final config and fails listing every option it misses.
     *
     * @param configSource names the config in the message
     */
    public void requireAll(KernelConfig config, String arch, String configSource) throws MissingKernelOptionsException {
        List<MissingOption> missing = check(config, arch);
        if (!missing.isEmpty()) {
            throw new MissingKernelOptionsException(configSource, arch, missing);
        }
    }

    /** One option and the value it must have ({@code y} unless the list says otherwise). */
    public record Option(String name, String expectedValue) {}

    /**
     * A feature and the options it needs.
     *
     * @param arches the architectures it applies to; empty means all
     */
    public record Group(String feature, String reason, Set<String> arches, List<Option> options) {}

    /**
     * An option a config does not meet.
     *
     * @param actualValue the config's value, {@code null} when the config does not mention the option
     */
    public record MissingOption(Option option, Group group, String actualValue) {

        /** {@code CONFIG_X must be y, is absent [feature: reason]}. */
        public String describe() {
            return "CONFIG_" + option.name() + " must be " + option.expectedValue() + ", is "
                    + (actualValue == null ? "absent" : actualValue) + " [" + group.feature() + ": " + group.reason()
                    + "]";
        }
    }

    private static final class GroupBuilder {
        private final String feature;
        private final int lineNumber;
        private final StringBuilder reason = new StringBuilder();
        private final List<String> arches = new ArrayList<>();
        private final List<Option> options = new ArrayList<>();

        GroupBuilder(String feature, int lineNumber) {
            this.feature = feature;
            this.lineNumber = lineNumber;
        }

        void add(String line, String source, int number) throws KernelConfigException {
            if (line.startsWith("reason:")) {
                reason.append(reason.length() == 0 ? "" : " ")
                        .append(line.substring("reason:".length()).strip());
            } else if (line.startsWith("arch:")) {
                arches.addAll(List.of(line.substring("arch:".length()).strip().split("\\s+")));
            } else {
                for (String word : line.split("\\s+")) {
                    options.add(option(word, source, number, line));
                }
            }
        }

        private static Option option(String word, String source, int number, String line) throws KernelConfigException {
            String[] parts = word.split("=", 2);
            if (!parts[0].matches("[A-Za-z0-9_]+") || parts[0].startsWith("CONFIG_")) {
                throw new KernelConfigException(source, number, line, "option names without the CONFIG_ prefix");
            }
            return new Option(parts[0], parts.length == 2 ? parts[1] : "y");
        }

        Group build(String source) throws KernelConfigException {
            if (reason.length() == 0 || options.isEmpty()) {
                throw new KernelConfigException(
                        source,
                        lineNumber,
                        "[" + feature + "]",
                        "a group with a 'reason:' line and at least one option");
            }
            return new Group(feature, reason.toString(), Set.copyOf(arches), List.copyOf(options));
        }
    }
}
