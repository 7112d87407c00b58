package dev.stage1kvm.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestValidatorTest {

    private static final List<NameValue> LABELS =
            List.of(new NameValue("version", "1.0.0"), new NameValue("arch", "amd64"), new NameValue("os", "linux"));

    @Test
    void stage1ManifestWithAllEntrypointsIsValid() {
        assertThat(ManifestValidator.stage1Problems(withEntrypoints(Map.of()))).isEmpty();
    }

    @Test
    void jsonKeepsFieldOrderAndRoundTrips() {
        ImageManifest manifest = withEntrypoints(Map.of());
        byte[] json = ManifestJson.write(manifest);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith(
                        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"coreos.com/rkt/stage1-kvm\","
                                + "\"labels\":[{\"name\":\"version\",\"value\":\"1.0.0\"}");
        assertThat(ManifestJson.read(json, "manifest")).isEqualTo(manifest);
        assertThat(ManifestJson.write(ManifestJson.read(json, "manifest"))).isEqualTo(json);
    }

    @Test
    void readKeepsFieldsItDoesNotModel() {
        String json = "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/app\","
                + "\"app\":{\"exec\":[\"/bin/sh\"],\"user\":\"0\",\"group\":\"0\"}}";

        ImageManifest manifest = ManifestJson.read(json.getBytes(StandardCharsets.UTF_8), "manifest");

        assertThat(manifest.otherFields()).containsKey("app");
        assertThat(new String(ManifestJson.write(manifest), StandardCharsets.UTF_8))
                .contains("\"exec\":[\"/bin/sh\"]");
    }

    @Test
    void readRejectsBrokenJsonNamingTheSource() {
        assertThatThrownBy(() -> ManifestJson.read("{\"acKind\":".getBytes(StandardCharsets.UTF_8), "x.aci:manifest"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageStartingWith("x.aci:manifest: is not valid JSON");
    }

    static List<Arguments> brokenManifests() {
        return List.of(
                Arguments.of("upper-case name", manifest("CoreOS.com/stage1", LABELS, List.of()), "must be lower case"),
                Arguments.of(
                        "name ending in a separator",
                        manifest("example.com/", LABELS, List.of()),
                        "start and end with a letter or digit"),
                Arguments.of(
                        "repeated label",
                        manifest("a", concat(LABELS, new NameValue("os", "linux")), List.of()),
                        "label 'os' appears more than once"),
                Arguments.of(
                        "label called name",
                        manifest("a", concat(LABELS, new NameValue("name", "x")), List.of()),
                        "a label must not be called 'name'"),
                Arguments.of(
                        "arch without os",
                        manifest("a", List.of(new NameValue("arch", "amd64")), List.of()),
                        "needs an os label"),
                Arguments.of(
                        "arch not in appc's list",
                        manifest("a", relabel("arch", "x86_64"), List.of()),
                        "label arch 'x86_64' is not valid for os 'linux'"),
                Arguments.of(
                        "stage1 arch",
                        manifest("a", relabel("arch", "ppc64le"), List.of()),
                        "is not a stage1 architecture, expected one of amd64, aarch64"),
                Arguments.of("unknown os", manifest("a", relabel("os", "plan9"), List.of()), "label os 'plan9'"),
                Arguments.of(
                        "bad annotation name",
                        manifest("a", LABELS, List.of(new NameValue("Bad Name", "x"))),
                        "annotation name 'Bad Name'"),
                Arguments.of(
                        "entrypoints incomplete",
                        manifest("a", LABELS, List.of(new NameValue("coreos.com/rkt/stage1/run", "/init"))),
                        "annotation 'coreos.com/rkt/stage1/gc' is missing"),
                Arguments.of(
                        "relative entrypoint",
                        withEntrypoints(Map.of("coreos.com/rkt/stage1/run", "init")),
                        "must name an absolute path"),
                Arguments.of(
                        "interface version not a number",
                        withEntrypoints(Map.of(Stage1Annotations.INTERFACE_VERSION, "six")),
                        "must be a positive integer"),
                Arguments.of(
                        "acVersion not semver",
                        new ImageManifest("ImageManifest", "0.8", "a", LABELS, List.of(), Map.of()),
                        "acVersion '0.8' is not a semantic version"),
                Arguments.of(
                        "wrong kind",
                        new ImageManifest("PodManifest", "0.8.11", "a", LABELS, List.of(), Map.of()),
                        "acKind is 'PodManifest'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void brokenManifestIsRejected(String description, ImageManifest manifest, String expected) {
        assertThatThrownBy(() -> ManifestValidator.requireValidStage1(manifest, "manifest"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining(expected);
    }

    private static ImageManifest withEntrypoints(Map<String, String> overrides) {
        List<NameValue> annotations = new ArrayList<>();
        Stage1Annotations.ENTRYPOINTS.forEach(
                (name, path) -> annotations.add(new NameValue(name, overrides.getOrDefault(name, path))));
        annotations.add(new NameValue(
                Stage1Annotations.INTERFACE_VERSION,
                overrides.getOrDefault(
                        Stage1Annotations.INTERFACE_VERSION, Stage1Annotations.INTERFACE_VERSION_VALUE)));
        return manifest("coreos.com/rkt/stage1-kvm", LABELS, annotations);
    }

    private static ImageManifest manifest(String name, List<NameValue> labels, List<NameValue> annotations) {
        return ImageManifest.of(name, labels, annotations);
    }

    private static List<NameValue> concat(List<NameValue> list, NameValue extra) {
        List<NameValue> copy = new ArrayList<>(list);
        copy.add(extra);
        return copy;
    }

    private static List<NameValue> relabel(String name, String value) {
        return LABELS.stream()
                .map(l -> l.name().equals(name) ? new NameValue(name, value) : l)
                .toList();
    }
}
