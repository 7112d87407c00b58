package dev.stage1kvm.aci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An appc image manifest (appc spec 0.8.11). The fields a stage1 uses are typed; any other field of a manifest that
 * was read ({@code app}, {@code dependencies}, {@code pathWhitelist}) is kept as JSON so that it survives a round
 * trip.
 *
 * @param otherFields fields other than acKind, acVersion, name, labels and annotations, in the order they were read
 */
public record ImageManifest(
        String acKind,
        String acVersion,
        String name,
        List<NameValue> labels,
        List<NameValue> annotations,
        Map<String, JsonNode> otherFields) {

    public static final String KIND = "ImageManifest";

    /** The appc version this project writes. */
    public static final String AC_VERSION = "0.8.11";

    public ImageManifest {
        labels = List.copyOf(labels);
        annotations = List.copyOf(annotations);
        otherFields = Map.copyOf(otherFields);
    }

    /** A manifest as this project writes it: no app, no dependencies. */
    public static ImageManifest of(String name, List<NameValue> labels, List<NameValue> annotations) {
        return new ImageManifest(KIND, AC_VERSION, name, labels, annotations, Map.of());
    }

    public Optional<String> label(String labelName) {
        return find(labels, labelName);
    }

    public Optional<String> annotation(String annotationName) {
        return find(annotations, annotationName);
    }

    private static Optional<String> find(List<NameValue> list, String key) {
        return list.stream()
                .filter(entry -> Objects.equals(entry.name(), key))
                .map(NameValue::value)
                .findFirst();
    }
}
