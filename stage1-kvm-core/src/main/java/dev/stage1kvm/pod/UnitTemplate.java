package dev.stage1kvm.pod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A unit file template from stage1-assets with {@code {{name}}} placeholders. */
public final class UnitTemplate {

    /** Where the templates live on the classpath (module stage1-assets). */
    public static final String RESOURCE_FOLDER = "/dev/stage1kvm/assets/units/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final String name;
    private final String text;

    public UnitTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /**
     * Loads a template from stage1-assets.
     *
     * @throws IllegalStateException when stage1-assets is not on the classpath
     */
    public static UnitTemplate load(String fileName) {
        String resource = RESOURCE_FOLDER + fileName;
        try (InputStream in = UnitTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "unit template " + resource + " is missing: put stage1-assets on the" + " classpath");
            }
            return new UnitTemplate(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read unit template " + resource, e);
        }
    }

    /**
     * Fills every placeholder.
     *
     * @throws IllegalArgumentException when a placeholder has no value or a value has no placeholder
     */
    public String render(Map<String, String> values) {
        Set<String> unused = new HashSet<>(values.keySet());
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("unit template " + name + " needs a value for {{" + key + "}}");
            }
            unused.remove(key);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("unit template " + name + " has no place for " + unused);
        }
        return out.toString();
    }
}
