package dev.stage1kvm.app;

import dev.stage1kvm.aci.Compression;
import dev.stage1kvm.aci.UnsupportedCompressionException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/** The kinds of app image the launcher runs, told apart by what they hold, not by their names. */
public enum AppFormat {
    /** An appc image: a tar (possibly compressed) of {@code manifest} and {@code rootfs/}. */
    ACI,
    /** A folder with {@code oci-layout}, {@code index.json} and {@code blobs/}. */
    OCI_LAYOUT,
    /** A tar written by {@code docker save}, with {@code manifest.json} at its top. */
    DOCKER_ARCHIVE;

    /** Entries read before giving up on telling an archive's kind: docker save puts manifest.json last. */
    private static final int MAX_ENTRIES_SCANNED = 100_000;

    /**
     * The kind of image at {@code path}.
     *
     * @throws AppImageException when it is none of them
     */
    public static AppFormat detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(OciLayout.LAYOUT_FILE))) {
                return OCI_LAYOUT;
            }
            throw new AppImageException(
                    path,
                    "is a folder without " + OciLayout.LAYOUT_FILE + ", so not an OCI"
                            + " image layout; export one with skopeo copy IMAGE oci:FOLDER");
        }
        if (!Files.isRegularFile(path)) {
            throw new AppImageException(
                    path, "does not exist; name an ACI, an OCI layout folder or a docker save" + " tarball");
        }
        return fromEntries(path);
    }

    private static AppFormat fromEntries(Path path) throws IOException {
        try (InputStream in = tarStream(path)) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
            TarArchiveEntry entry;
            for (int i = 0; i < MAX_ENTRIES_SCANNED && (entry = tar.getNextEntry()) != null; i++) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (name.equals("manifest") || name.startsWith("rootfs/")) {
                    return ACI;
                }
                if (name.equals(DockerArchive.MANIFEST) || name.equals("repositories")) {
                    return DOCKER_ARCHIVE;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new AppImageException(
                    path,
                    "is not a readable tar (" + e.getMessage() + "); name an ACI, an OCI"
                            + " layout folder or a docker save tarball",
                    e);
        }
        throw new AppImageException(
                path,
                "is a tar with neither an ACI's manifest nor docker save's manifest.json;"
                        + " name an ACI, an OCI layout folder or a docker save tarball");
    }

    /** The uncompressed tar in {@code path}, whichever compression it has. */
    static InputStream tarStream(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(Compression.DETECT_BYTES);
        }
        Compression compression;
        try {
            compression = Compression.detect(head);
        } catch (UnsupportedCompressionException e) {
            throw new AppImageException(path, e.getMessage(), e);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        return switch (compression) {
            case GZIP -> new GZIPInputStream(raw, 64 * 1024);
            case XZ -> new XZInputStream(raw);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case NONE -> raw;
        };
    }
}
