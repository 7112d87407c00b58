package dev.stage1kvm.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds small app images for tests: layers, OCI layouts, docker save tarballs and ACIs. */
final class TestImages {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {}

    /** A tar written entry by entry, names taken exactly as given (hostile ones included). */
    static final class Tar {
        private final List<TarArchiveEntry> entries = new ArrayList<>();
        private final List<byte[]> contents = new ArrayList<>();

        Tar dir(String name) {
            return dir(name, 0755);
        }

        Tar dir(String name, int mode) {
            return add(new TarArchiveEntry(name, TarConstants.LF_DIR, true), new byte[0], mode);
        }

        Tar file(String name, String text) {
            return file(name, text.getBytes(StandardCharsets.UTF_8));
        }

        Tar file(String name, byte[] bytes) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            entry.setSize(bytes.length);
            return add(entry, bytes, 0644);
        }

        Tar symlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            entry.setLinkName(target);
            return add(entry, new byte[0], 0777);
        }

        Tar hardlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            entry.setLinkName(target);
            return add(entry, new byte[0], 0644);
        }

        private Tar add(TarArchiveEntry entry, byte[] content, int mode) {
            entry.setMode(mode);
            entries.add(entry);
            contents.add(content);
            return this;
        }

        byte[] bytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (int i = 0; i < entries.size(); i++) {
                    tar.putArchiveEntry(entries.get(i));
                    tar.write(contents.get(i));
                    tar.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        }

        byte[] gzipped() throws IOException {
            return gzip(bytes());
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zstd = new ZstdCompressorOutputStream(out)) {
            zstd.write(data);
        }
        return out.toByteArray();
    }

    /** How {@link #ociLayout} compresses its layers, with the media type that says so. */
    enum LayerCompression {
        GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
        ZSTD("application/vnd.oci.image.layer.v1.tar+zstd");

        final String mediaType;

        LayerCompression(String mediaType) {
            this.mediaType = mediaType;
        }

        byte[] compress(byte[] tar) throws IOException {
            return this == GZIP ? gzip(tar) : zstd(tar);
        }
    }

    static String sha256(byte[] data) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** An OCI image config running {@code exec} as {@code user}. */
    static ObjectNode config(List<String> layerTars, String user, List<String> entrypoint, List<String> cmd)
            throws Exception {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", OciLayout.hostArch()).put("os", "linux");
        ObjectNode run = config.putObject("config");
        run.put("User", user).put("WorkingDir", "/srv");
        run.putArray("Env").add("PATH=/usr/bin:/bin").add("GREETING=hello=world");
        entrypoint.forEach(run.withArray("Entrypoint")::add);
        cmd.forEach(run.withArray("Cmd")::add);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (String diffId : layerTars) {
            diffIds.add(diffId);
        }
        return config;
    }

    /** Writes an OCI image layout with gzip layers; returns the folder. */
    static Path ociLayout(Path folder, ObjectNode config, List<byte[]> layerTars) throws Exception {
        return ociLayout(folder, config, layerTars, LayerCompression.GZIP);
    }

    /** Writes an OCI image layout whose layers are compressed as {@code compression} says; returns the folder. */
    static Path ociLayout(Path folder, ObjectNode config, List<byte[]> layerTars, LayerCompression compression)
            throws Exception {
        Files.createDirectories(folder.resolve("blobs/sha256"));
        Files.writeString(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor(folder, "application/vnd.oci.image.config.v1+json", json(config)));
        ArrayNode layers = manifest.putArray("layers");
        for (byte[] tar : layerTars) {
            layers.add(descriptor(folder, compression.mediaType, compression.compress(tar)));
        }
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests")
                .add(descriptor(folder, "application/vnd.oci.image.manifest.v1+json", json(manifest)));
        Files.write(folder.resolve("index.json"), json(index));
        return folder;
    }

    static ObjectNode descriptor(Path folder, String mediaType, byte[] blob) throws Exception {
        String digest = sha256(blob);
        Files.write(folder.resolve("blobs/sha256/" + digest.substring(7)), blob);
        return JSON.createObjectNode()
                .put("mediaType", mediaType)
                .put("digest", digest)
                .put("size", blob.length);
    }

    /** Writes a docker save tarball in Docker 24's shape: {@code <id>/layer.tar} and {@code <hex>.json}. */
    static Path dockerSave(Path file, ObjectNode config, List<byte[]> layerTars) throws Exception {
        byte[] configBytes = json(config);
        String configName = sha256(configBytes).substring(7) + ".json";
        Tar tar = new Tar().file(configName, configBytes);
        ArrayNode layers = JSON.createArrayNode();
        for (int i = 0; i < layerTars.size(); i++) {
            String dir = "layer" + i;
            tar.dir(dir + "/").file(dir + "/layer.tar", layerTars.get(i));
            layers.add(dir + "/layer.tar");
        }
        ObjectNode image = JSON.createObjectNode().put("Config", configName);
        image.putArray("RepoTags").add("test:latest");
        image.set("Layers", layers);
        tar.file("manifest.json", json(JSON.createArrayNode().add(image)));
        Files.write(file, tar.bytes());
        return file;
    }

    /** Writes a gzip ACI with an app manifest and the given rootfs entries (names without {@code rootfs/}). */
    static Path aci(Path file, String appJson, Tar rootfs) throws IOException {
        String manifest = "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/app\","
                + "\"labels\":[{\"name\":\"os\",\"value\":\"linux\"},{\"name\":\"arch\",\"value\":\"amd64\"}]"
                + (appJson == null ? "" : ",\"app\":" + appJson) + "}";
        Tar tar = new Tar().file("manifest", manifest).dir("rootfs/");
        for (int i = 0; i < rootfs.entries.size(); i++) {
            TarArchiveEntry entry = rootfs.entries.get(i);
            entry.setName("rootfs/" + entry.getName());
            if (entry.isLink()) {
                entry.setLinkName("rootfs/" + entry.getLinkName());
            }
            tar.entries.add(entry);
            tar.contents.add(rootfs.contents.get(i));
        }
        Files.write(file, tar.gzipped());
        return file;
    }

    static byte[] json(Object node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }
}
