package dev.stage1kvm.pod;

import java.util.List;
import java.util.stream.Collectors;

/** Writes values into systemd unit files so that systemd reads back exactly the value given (systemd.syntax(7)). */
final class UnitSyntax {

    private UnitSyntax() {}

    /**
     * A command line for {@code ExecStart=}: every word in double quotes, with {@code \} and {@code "} escaped,
     * {@code %} doubled (specifiers) and {@code $} doubled (variable expansion), so that no word is split or expanded.
     */
    static String commandLine(List<String> words) {
        return words.stream().map(word -> quoted(word).replace("$", "$$")).collect(Collectors.joining(" "));
    }

    /** An {@code Environment=} assignment; values are not expanded there, but specifiers and escapes are. */
    static String environment(String name, String value) {
        return "Environment=" + quoted(name + "=" + value);
    }

    /** A path setting such as {@code WorkingDirectory=}: taken as it is, except for specifiers. */
    static String path(String path) {
        rejectControlCharacters(path);
        return path.replace("%", "%%");
    }

    private static String quoted(String word) {
        rejectControlCharacters(word);
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
    }

    private static void rejectControlCharacters(String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("'" + value.replaceAll("\\p{Cntrl}", "?") + "' holds a control"
                    + " character (newline, tab, NUL...), which a unit file cannot carry");
        }
    }
}
