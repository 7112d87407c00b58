package dev.stage1kvm.deb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private final int firstLine;

        Paragraph(int firstLine) {
            this.firstLine = firstLine;
        }

        /**
         * The value of a field, or {@code null}. A multi-line value keeps its line breaks, one per continuation line;
         * a field whose first line is empty (such as {@code SHA256:}) starts with a line break.
         */
        public String get(String name) {
            return fields.get(name.toLowerCase(Locale.ROOT));
        }

        public String get(String name, String defaultValue) {
            String value = get(name);
            return value == null ? defaultValue : value;
        }

        /** Field names as written, in file order. */
        public List<String> fieldNames() {
            return Collections.unmodifiableList(new ArrayList<>(names.values()));
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
            currentValue = new StringBuilder(line.substring(colon + 1).strip());
        }

        private void endField() {
            if (currentField == null) {
                return;
            }
            String key = currentField.toLowerCase(Locale.ROOT);
            if (current.fields.containsKey(key)) {
                throw new DebFormatException(where(), currentField, "field appears twice in one paragraph");
            }
            current.fields.put(key, currentValue.toString());
            current.names.put(key, currentField);
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
