package dev.stage1kvm.kernel;

import dev.stage1kvm.progress.BuildListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel {@code .config} or config fragment: option names (without the {@code CONFIG_} prefix) mapped to their
 * values, in file order. Values are kept as written: {@code y}, {@code m}, a number, or a quoted string; an option
 * written as {@code # CONFIG_X is not set} has the value {@link #NOT_SET}.
 */
public final class KernelConfig {

    /** The value stored for {@code # CONFIG_X is not set}, the same letter Kconfig uses for it. */
    public static final String NOT_SET = "n";

    private static final String PREFIX = "CONFIG_";
    private static final Pattern ASSIGNMENT = Pattern.compile("CONFIG_([A-Za-z0-9_]+)=(.*)");
    private static final Pattern UNSET = Pattern.compile("# CONFIG_([A-Za-z0-9_]+) is not set");
    private static final Pattern VALUE = Pattern.compile("[ymn]|-?[0-9]+|0[xX][0-9a-fA-F]+|\"([^\"\\\\]|\\\\.)*\"");

    private final Map<String, String> values;

    private KernelConfig(Map<String, String> values) {
        this.values = values;
    }

    /** An empty config. */
    public static KernelConfig empty() {
        return new KernelConfig(new LinkedHashMap<>());
    }

    /** Reads a .config or fragment file (UTF-8). */
    public static KernelConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses .config text. Blank lines and other comments are skipped.
     *
     * @param source names the text in error messages
     * @throws KernelConfigException for a line that is neither an assignment, a "not set" line nor a comment
     */
    public static KernelConfig parse(String text, String source) throws KernelConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher unset = UNSET.matcher(line);
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (unset.matches()) {
                values.put(unset.group(1), NOT_SET);
            } else if (assignment.matches()) {
                values.put(assignment.group(1), checkedValue(assignment.group(2), source, i + 1, line));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new KernelConfigException(source, i + 1, line, "CONFIG_NAME=value or '# CONFIG_NAME is not set'");
            }
        }
        return new KernelConfig(values);
    }

    private static String checkedValue(String value, String source, int lineNumber, String line)
            throws KernelConfigException {
        if (!VALUE.matcher(value).matches()) {
            throw new KernelConfigException(
                    source, lineNumber, line, "a value of y, m, n, a number or a quoted string");
        }
        return value;
    }

    /**
     * This config with {@code later} applied on top: every option {@code later} names takes its value from there, as
     * {@code scripts/kconfig/merge_config.sh} does. Each value that changes is logged at debug level.
     */
    public KernelConfig mergedWith(KernelConfig later, String laterSource, BuildListener listener) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        later.values.forEach((name, value) -> {
            String previous = merged.put(name, value);
            if (previous != null && !previous.equals(value)) {
                listener.debug(PREFIX + name + " redefined by " + laterSource + ": " + previous + " -> " + value);
            }
        });
        return new KernelConfig(merged);
    }

    /** The value of an option, {@link #NOT_SET} when written as not set, empty when the config does not mention it. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(stripPrefix(name)));
    }

    /** Whether the option is {@code =y}. */
    public boolean isBuiltIn(String name) {
        return "y".equals(values.get(stripPrefix(name)));
    }

    /** All options in file order, names without the prefix. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    /** The config in .config syntax, one option a line, in order; "not set" options as Kconfig writes them. */
    public String format() {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(
                        value.equals(NOT_SET) ? "# " + PREFIX + name + " is not set" : PREFIX + name + "=" + value)
                .append('\n'));
        return out.toString();
    }

    private static String stripPrefix(String name) {
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KernelConfig config && config.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "KernelConfig(" + values.size() + " options)";
    }
}
