package dev.stage1kvm.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A {@code docker save} tarball: {@code manifest.json} names the config and the layers by their paths in the tar
 * (Docker 1.10 to 24: {@code <id>/layer.tar}; Docker 25 and later: {@code blobs/sha256/<hex>}). Each layer's
 * uncompressed bytes are checked against the config's {@code rootfs.diff_ids}.
 */
final class DockerArchive {

    static final String MANIFEST = "manifest.json";

    /** Older Docker links repeated layers to the first copy; a chain longer than this is taken as a loop. */
    private static final int MAX_LINK_HOPS = 8;

    private static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> members = new HashMap<>();

    DockerArchive(Path file, TarFile tar) throws IOException {
        this.file = file;
        this.tar = tar;
        for (TarArchiveEntry entry : tar.getEntries()) {
            members.put(LayerPaths.normalize(entry.getName(), "the tarball"), entry);
        }
    }

    /** Applies the image's layers in order and returns its config. */
    ImageConfig unpack(TreeWriter writer) throws IOException {
        JsonNode manifest = ConfigJson.MAPPER.readTree(readJson(MANIFEST));
        if (!manifest.isArray() || manifest.size() != 1) {
            throw new AppImageException(
                    file,
                    MANIFEST + " lists " + manifest.size() + " images; save exactly one"
                            + " image per tarball (docker save IMAGE)");
        }
        JsonNode image = manifest.get(0);
        String configMember = image.path("Config").asText();
        JsonNode config = ConfigJson.parse(readJson(configMember), file, "config " + configMember);
        checkNamedDigest(configMember, readJson(configMember));
        JsonNode layers = image.path("Layers");
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        if (diffIds.size() != layers.size()) {
            throw new AppImageException(
                    file,
                    "config lists " + diffIds.size() + " layer digests but " + MANIFEST + " lists " + layers.size()
                            + " layers; save the image again");
        }
        for (int i = 0; i < layers.size(); i++) {
            applyLayer(layers.get(i).asText(), diffIds.get(i).asText(), i, layers.size(), writer);
        }
        return ConfigJson.fromOciConfig(config);
    }

    private void applyLayer(String member, String diffId, int index, int count, TreeWriter writer) throws IOException {
        String what = "layer " + (index + 1) + " of " + count + " (" + member + ")";
        try (InputStream raw = open(member)) {
            LayerStreams.Digesting digesting =
                    new LayerStreams.Digesting(LayerStreams.namingReadErrors(LayerStreams.sniff(raw, what), what));
            writer.apply(digesting, what);
            String actual = digesting.finish();
            if (!actual.equals(diffId)) {
                throw new AppImageException(
                        file,
                        what + " has uncompressed digest " + actual + " but the config" + " says " + diffId
                                + "; the tarball is corrupt or was changed: save the image again");
            }
        }
    }

    /** Config files are named by their digest ({@code <hex>.json} or {@code blobs/sha256/<hex>}). */
    private void checkNamedDigest(String member, byte[] bytes) throws IOException {
        String name = LayerPaths.fileName(member).replaceFirst("\\.json$", "");
        if (!name.matches("[a-f0-9]{64}")) {
            return;
        }
        LayerStreams.Digesting digesting = new LayerStreams.Digesting(new java.io.ByteArrayInputStream(bytes));
        String actual = digesting.finish();
        if (!actual.equals("sha256:" + name)) {
            throw new AppImageException(
                    file,
                    "config " + member + " has digest " + actual + ", not its name;"
                            + " the tarball is corrupt or was changed: save the image again");
        }
    }

    private byte[] readJson(String member) throws IOException {
        TarArchiveEntry entry = resolve(member);
        if (entry.getSize() > MAX_JSON_BYTES) {
            throw new AppImageException(file, member + " is over " + MAX_JSON_BYTES + " bytes; not image JSON");
        }
        try (InputStream in = tar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private InputStream open(String member) throws IOException {
        return tar.getInputStream(resolve(member));
    }

    /** The regular file a member name leads to, following the tar's own symlinks but never out of the tar. */
    private TarArchiveEntry resolve(String member) throws IOException {
        String name = LayerPaths.normalize(member, "the tarball");
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            TarArchiveEntry entry = members.get(name);
            if (entry == null) {
                throw new AppImageException(
                        file,
                        "member '" + member + "' is missing; the tarball is incomplete:" + " save the image again");
            }
            if (!entry.isSymbolicLink() && !entry.isLink()) {
                if (!entry.isFile() || entry.isDirectory()) {
                    throw new AppImageException(file, "member '" + member + "' is not a file");
                }
                return entry;
            }
            String target = entry.getLinkName();
            String base = entry.isSymbolicLink() ? LayerPaths.parent(name) : "";
            name = LayerPaths.normalize(LayerPaths.collapse(base, target), "member '" + member + "'");
        }
        throw new AppImageException(file, "member '" + member + "' is a chain of links that loops");
    }
}
