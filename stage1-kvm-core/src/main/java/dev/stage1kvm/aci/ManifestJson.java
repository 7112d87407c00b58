package dev.stage1kvm.aci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stable JSON for image manifests: a fixed key order (acKind, acVersion, name, labels, annotations, then any other
 * field sorted by name), labels and annotations in the order given, compact, UTF-8, no trailing newline.
 */
public final class ManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> TYPED_FIELDS = List.of("acKind", "acVersion", "name", "labels", "annotations");

    private ManifestJson() {}

    public static byte[] write(ImageManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("acKind", manifest.acKind());
        root.put("acVersion", manifest.acVersion());
        root.put("name", manifest.name());
        root.set("labels", toArray(manifest.labels()));
        if (!manifest.annotations().isEmpty()) {
            root.set("annotations", toArray(manifest.annotations()));
        }
        new TreeMap<>(manifest.otherFields()).forEach(root::set);
        try {
            return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest tree could not be written as JSON", e);
        }
    }

    /**
     * Reads a manifest. Only the JSON shape is checked here; {@link ManifestValidator} checks the appc rules.
     *
     * @param source names the manifest in error messages (a file, or an entry of an archive)
     */
    public static ImageManifest read(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(source, List.of("is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidManifestException(source, List.of("could not be read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException(source, List.of("must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        ImageManifest manifest = new ImageManifest(
                text(root, "acKind", problems),
                text(root, "acVersion", problems),
                text(root, "name", problems),
                pairs(root, "labels", problems),
                pairs(root, "annotations", problems),
                otherFields(root));
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        return manifest;
    }

    private static ArrayNode toArray(List<NameValue> pairs) {
        ArrayNode array = MAPPER.createArrayNode();
        for (NameValue pair : pairs) {
            array.addObject().put("name", pair.name()).put("value", pair.value());
        }
        return array;
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            problems.add("field '" + field + "' must be a string");
            return "";
        }
        return node.textValue();
    }

    private static List<NameValue> pairs(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        List<NameValue> pairs = new ArrayList<>();
        if (node == null || node.isNull()) {
            return pairs;
        }
        if (!node.isArray()) {
            problems.add("field '" + field + "' must be a list of {name, value} objects");
            return pairs;
        }
        for (JsonNode item : node) {
            JsonNode name = item.get("name");
            JsonNode value = item.get("value");
            if (name == null || !name.isTextual() || value == null || !value.isTextual()) {
                problems.add("field '" + field + "' has an item without a string name and value: " + item);
            } else {
                pairs.add(new NameValue(name.textValue(), value.textValue()));
            }
        }
        return pairs;
    }

    private static Map<String, JsonNode> otherFields(JsonNode root) {
        Map<String, JsonNode> other = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!TYPED_FIELDS.contains(field.getKey())) {
                other.put(field.getKey(), field.getValue());
            }
        }
        return other;
    }
}
