package dev.stage1kvm.deb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads control data in the deb822 format (Debian Policy 5.1, deb822(5)): paragraphs of {@code Name: value} fields
 * separated by blank lines, where a line starting with a space or tab continues the previous field. Used for
 * {@code Packages} and {@code InRelease} files.
 */
public final class Deb822 {

    private Deb822() {}

    /** One paragraph: fields in file order, looked up without regard to case. */
    public static final class Paragraph {
        /** Case-insensitive keys without a lower-cased copy of each name: a Packages file has a million fields. */
        private final Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private final List<String> names = new ArrayList<>();
        private final int firstLine;

        Paragraph(int firstLine) {
            this.firstLine = firstLine;
        }

        /**
         * The value of a field, or {@code null}. A multi-line value keeps its line breaks, one per continuation line;
         * a field whose first line is empty (such as {@code SHA256:}) starts with a line break.
         */
        public String get(String name) {
            return fields.get(name);
        }

        public String get(String name, String defaultValue) {
            String value = get(name);
            return value == null ? defaultValue : value;
        }

        /** Field names as written, in file order. */
        public List<String> fieldNames() {
            return Collections.unmodifiableList(names);
        }

        /** The 1-based line where the paragraph starts, for error messages. */
        public int firstLine() {
            return firstLine;
        }
    }

    /** Parses a whole text held in memory. */
    public static List<Paragraph> parse(String text, String source) {
        List<Paragraph> paragraphs = new ArrayList<>();
        try {
            read(new BufferedReader(new StringReader(text)), source, paragraphs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paragraphs;
    }

    /**
     * Parses paragraphs one at a time, so that a 50 MB {@code Packages} file is never held in memory as text.
     *
     * @param source names the input in error messages (a URL or path)
     */
    public static void read(BufferedReader in, String source, Consumer<Paragraph> sink) throws IOException {
        Parser parser = new Parser(source, sink);
        String line;
        while ((line = in.readLine()) != null) {
            parser.accept(line);
        }
        parser.finish();
    }

    private static final class Parser {
        private final String source;
        private final Consumer<Paragraph> sink;
        private Paragraph current;
        private String currentField;
        private String currentFirstLine;
        /** Created only when a field has continuation lines. */
        private StringBuilder currentValue;

        private int lineNumber;

        Parser(String source, Consumer<Paragraph> sink) {
            this.source = source;
            this.sink = sink;
        }

        void accept(String line) {
            lineNumber++;
            if (line.isBlank()) {
                finish();
            } else if (line.startsWith("#")) {
                return;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continuation(line);
            } else {
                field(line);
            }
        }

        private void continuation(String line) {
            if (currentField == null) {
                throw new DebFormatException(where(), line, "continuation line with no field before it");
            }
            String text = line.substring(1);
            if (currentValue == null) {
                currentValue = new StringBuilder(currentFirstLine);
            }
            currentValue.append('\n').append(text.equals(".") ? "" : text);
        }

        private void field(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new DebFormatException(where(), line, "expected 'Name: value'");
            }
            endField();
            if (current == null) {
                current = new Paragraph(lineNumber);
            }
            currentField = line.substring(0, colon);
            currentFirstLine = line.substring(colon + 1).strip();
            currentValue = null;
        }

        private void endField() {
            if (currentField == null) {
                return;
            }
            String value = currentValue == null ? currentFirstLine : currentValue.toString();
            if (current.fields.putIfAbsent(currentField, value) != null) {
                throw new DebFormatException(where(), currentField, "field appears twice in one paragraph");
            }
            current.names.add(currentField);
            currentField = null;
        }

        void finish() {
            endField();
            if (current != null) {
                sink.accept(current);
                current = null;
            }
        }

        private String where() {
            return source + " line " + lineNumber;
        }
    }
}
