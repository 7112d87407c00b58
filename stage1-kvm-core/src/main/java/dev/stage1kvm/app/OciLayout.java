package dev.stage1kvm.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OCI image layout folder (image spec 1.1, "OCI Image Layout"): {@code oci-layout}, {@code index.json} and
 * content-addressed {@code blobs/sha256/<hex>}. Every blob read is checked against its descriptor's digest.
 */
final class OciLayout {

    static final String LAYOUT_FILE = "oci-layout";
    static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_LIST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Index, manifest and config blobs are a few KiB; the bound keeps a hostile file from filling the heap. */
    private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    /** How deep indexes may nest before the layout is taken as a loop. */
    private static final int MAX_INDEX_DEPTH = 4;

    private final Path folder;

    OciLayout(Path folder) {
        this.folder = folder;
    }

    /** Applies the image's layers in order and returns its config. */
    ImageConfig unpack(TreeWriter writer) throws IOException {
        JsonNode manifest = manifest();
        JsonNode configDescriptor = manifest.path("config");
        ImageConfig config = ConfigJson.fromOciConfig(parse(readBlob(configDescriptor, "config"), "config"));
        JsonNode layers = manifest.path("layers");
        for (int i = 0; i < layers.size(); i++) {
            applyLayer(layers.get(i), "layer " + (i + 1) + " of " + layers.size(), writer);
        }
        return config;
    }

    private JsonNode manifest() throws IOException {
        JsonNode layout = parse(Files.readAllBytes(folder.resolve(LAYOUT_FILE)), LAYOUT_FILE);
        String version = layout.path("imageLayoutVersion").asText();
        if (!version.startsWith("1.")) {
            throw new AppImageException(
                    folder,
                    LAYOUT_FILE + " says imageLayoutVersion '" + version + "'; this"
                            + " launcher reads version 1.x layouts");
        }
        Path indexFile = folder.resolve("index.json");
        if (!Files.isRegularFile(indexFile)) {
            throw new AppImageException(folder, "has " + LAYOUT_FILE + " but no index.json; copy the whole layout");
        }
        JsonNode node = parse(Files.readAllBytes(indexFile), "index.json");
        for (int depth = 0; depth < MAX_INDEX_DEPTH; depth++) {
            JsonNode descriptor = chooseManifest(node);
            String mediaType = descriptor.path("mediaType").asText();
            node = parse(
                    readBlob(descriptor, "manifest " + descriptor.path("digest").asText()), "manifest");
            if (!mediaType.equals(INDEX_MEDIA_TYPE) && !mediaType.equals(DOCKER_LIST_MEDIA_TYPE)) {
                return node;
            }
        }
        throw new AppImageException(folder, "indexes nest deeper than " + MAX_INDEX_DEPTH + " levels");
    }

    /** The one manifest of an index, or the one for this host's platform when there are several. */
    private JsonNode chooseManifest(JsonNode index) throws AppImageException {
        JsonNode manifests = index.path("manifests");
        if (manifests.size() == 1) {
            return manifests.get(0);
        }
        String arch = hostArch();
        List<String> seen = new ArrayList<>();
        for (JsonNode descriptor : manifests) {
            JsonNode platform = descriptor.path("platform");
            seen.add(platform.path("os").asText("?") + "/"
                    + platform.path("architecture").asText("?"));
            if (platform.path("os").asText().equals("linux")
                    && platform.path("architecture").asText().equals(arch)) {
                return descriptor;
            }
        }
        throw new AppImageException(
                folder,
                "index.json lists " + manifests.size() + " manifests " + seen + " and none for linux/" + arch
                        + "; save a single-platform image for this host");
    }

    private void applyLayer(JsonNode descriptor, String where, TreeWriter writer) throws IOException {
        String digest = descriptor.path("digest").asText();
        String what = where + " (" + digest + ")";
        try (InputStream raw = Files.newInputStream(blobPath(descriptor, what))) {
            LayerStreams.Digesting digesting = new LayerStreams.Digesting(raw);
            writer.apply(
                    LayerStreams.decompress(
                            digesting, descriptor.path("mediaType").asText(), what),
                    what);
            checkDigest(digest, digesting.finish(), what);
        }
    }

    private byte[] readBlob(JsonNode descriptor, String what) throws IOException {
        Path blob = blobPath(descriptor, what);
        if (Files.size(blob) > MAX_JSON_BYTES) {
            throw new AppImageException(folder, what + " blob is over " + MAX_JSON_BYTES + " bytes; not a config");
        }
        try (InputStream raw = Files.newInputStream(blob)) {
            LayerStreams.Digesting digesting = new LayerStreams.Digesting(raw);
            byte[] bytes = digesting.readAllBytes();
            checkDigest(descriptor.path("digest").asText(), digesting.finish(), what);
            return bytes;
        }
    }

    private Path blobPath(JsonNode descriptor, String what) throws AppImageException {
        String digest = descriptor.path("digest").asText();
        if (!LayerStreams.SHA256_DIGEST.matcher(digest).matches()) {
            throw new AppImageException(folder, what + " has digest '" + digest + "'; expected sha256:<64 hex>");
        }
        Path blob = folder.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
        if (!Files.isRegularFile(blob)) {
            throw new AppImageException(
                    folder,
                    what + ": blob " + folder.relativize(blob) + " is missing;" + " copy the whole layout folder");
        }
        return blob;
    }

    private void checkDigest(String expected, String actual, String what) throws AppImageException {
        if (!expected.equals(actual)) {
            throw new AppImageException(
                    folder,
                    what + " has digest " + actual + " but the image says " + expected
                            + "; the blob is corrupt or was changed: save or pull the image again");
        }
    }

    private JsonNode parse(byte[] json, String what) throws AppImageException {
        return ConfigJson.parse(json, folder, what);
    }

    /** The host's architecture in OCI's names (Go's GOARCH). */
    static String hostArch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
